import { setLocale } from './locale';
import { interpolate, translate } from './translate';

describe('interpolate', () => {
  it('fills placeholders and localises numbers', () => {
    expect(interpolate('{count} tasks on {target}', { count: 12345, target: 'prod' }, 'en')).toBe('12,345 tasks on prod');
    expect(interpolate('{missing} stays', {}, 'en')).toBe('{missing} stays');
  });

  it('picks the plural form of the language', () => {
    const message = { one: '{count} task', other: '{count} tasks' };
    expect(interpolate(message, { count: 1 }, 'en')).toBe('1 task');
    expect(interpolate(message, { count: 2 }, 'en')).toBe('2 tasks');
    expect(interpolate({ other: '{count} 个任务' }, { count: 1 }, 'zh-CN')).toBe('1 个任务');
  });
});

describe('setLocale', () => {
  afterEach(async () => {
    await setLocale('en', { remember: false });
    window.localStorage.clear();
  });

  it('loads the Chinese catalogue, marks the document and remembers the choice', async () => {
    await setLocale('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(window.localStorage.getItem('dcs-console.locale')).toBe('zh-CN');
    await setLocale('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('translate() falls back to the key for a key the catalogue lacks (never a crash)', () => {
    expect(translate('common', 'no-such-key' as never)).toBe('no-such-key');
  });
});
