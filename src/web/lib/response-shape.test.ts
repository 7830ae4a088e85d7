import { setLocale } from '../i18n';
import { shapeProblem, SHAPES } from './response-shape';

describe('shapeProblem', () => {
  it('accepts an answer with the fields the page relies on, unknown fields included', () => {
    expect(shapeProblem({ count: 2, tasks: [], brand_new: 1 }, SHAPES.taskList)).toBeNull();
    expect(shapeProblem({ task_id: 'a', status: null }, SHAPES.task)).toBeNull();
  });

  it('names the first field that is missing or of the wrong kind', () => {
    expect(shapeProblem({ tasks: [] }, SHAPES.taskList)).toBe('count: expected number, got nothing');
    expect(shapeProblem({ count: 1, tasks: 'x' }, SHAPES.taskList)).toBe('tasks: expected array, got string');
    expect(shapeProblem({ task_id: 'a', source_instance: [] }, SHAPES.task)).toBe('source_instance: expected object, got array');
  });

  it('refuses a body that is not an object', () => {
    expect(shapeProblem([], SHAPES.taskStats)).toBe('body: expected object, got array');
    expect(shapeProblem(null, SHAPES.taskStats)).toBe('body: expected object, got null');
    expect(shapeProblem('<html>', SHAPES.targets)).toBe('body: expected object, got string');
  });

  it('says it in the interface language', async () => {
    await setLocale('zh-CN', { remember: false });
    try {
      expect(shapeProblem({ tasks: [] }, SHAPES.taskList)).toBe('count：应为 number，实际为 缺失');
    } finally {
      await setLocale('en', { remember: false });
    }
  });
});
