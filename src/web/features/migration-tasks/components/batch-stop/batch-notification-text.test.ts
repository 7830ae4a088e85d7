import { setLocale } from '../../../../i18n';
import { batchNotificationText, namesText } from './batch-notification-text';

describe('the words of a batch notification', () => {
  afterEach(async () => {
    await setLocale('en', { remember: false });
  });

  it('counts the stopped and the still stopping while tasks are pending', () => {
    expect(batchNotificationText({ total: 12, stopped: 7, pending: 5, notStopped: [] })).toEqual({
      title: 'Stopping 12 tasks',
      message: '7 stopped, 5 still stopping',
      color: 'orange',
      done: false,
    });
    expect(batchNotificationText({ total: 12, stopped: 6, pending: 5, notStopped: ['a'] }).message).toBe(
      '6 stopped, 5 still stopping, 1 not stopped',
    );
  });

  it('ends with a summary that names those that did not stop', () => {
    expect(batchNotificationText({ total: 1, stopped: 1, pending: 0, notStopped: [] }).title).toBe('1 task stopped');
    expect(batchNotificationText({ total: 1_200, stopped: 1_200, pending: 0, notStopped: [] })).toMatchObject({
      title: '1,200 tasks stopped',
      color: 'green',
      done: true,
    });
    expect(batchNotificationText({ total: 12, stopped: 11, pending: 0, notStopped: ['mig-orders'] })).toEqual({
      title: '11 stopped, 1 not stopped',
      message: 'Not stopped: mig-orders.',
      color: 'yellow',
      done: true,
    });
  });

  it('shows three names, then how many more', () => {
    expect(namesText(['a', 'b', 'c'])).toBe('a, b, c');
    expect(namesText(['a', 'b', 'c', 'd'])).toBe('a, b, c and 1 more');
    expect(namesText(['a', 'b', 'c', 'd', 'e', 'f'])).toBe('a, b, c and 3 more');
  });

  it('speaks Chinese', async () => {
    await setLocale('zh-CN', { remember: false });
    expect(batchNotificationText({ total: 12, stopped: 7, pending: 5, notStopped: [] })).toMatchObject({
      title: '正在停止 12 个任务',
      message: '已停止 7 个，仍在停止中 5 个',
    });
    expect(batchNotificationText({ total: 5, stopped: 0, pending: 0, notStopped: ['a', 'b', 'c', 'd', 'e'] })).toMatchObject({
      title: '已停止 0 个，未停止 5 个',
      message: '未停止：a、b、c 及其他 2 个。',
    });
  });
});
