import { API_ERROR_CODES, CAUGHT_UP_ERROR_CODES } from '../../api/rules';
import { setLocale } from '../i18n';
import { CLIENT_ERROR_CODES } from '../lib/api-error';
import { errorHint } from './error-hints';

const EVERY_CODE = [...API_ERROR_CODES, ...CAUGHT_UP_ERROR_CODES, ...Object.values(CLIENT_ERROR_CODES)];

describe('error hints', () => {
  afterEach(() => setLocale('en', { remember: false }));

  it('explain every console, stop-when-caught-up and page-made error code in English', () => {
    const missing = EVERY_CODE.filter((code) => !errorHint(code));
    expect(missing).toEqual([]);
    expect(errorHint('STOP_NOT_ALLOWED')).toBe('The cloud refused the stop: the task’s current status does not allow it.');
  });

  it('explain every code in Simplified Chinese, differently from the English', async () => {
    const english = new Map(EVERY_CODE.map((code) => [code, errorHint(code)]));
    await setLocale('zh-CN', { remember: false });
    const missing = EVERY_CODE.filter((code) => !errorHint(code) || errorHint(code) === english.get(code));
    expect(missing).toEqual([]);
    expect(errorHint('STOP_NOT_ALLOWED')).toBe('云端拒绝了停止请求：任务当前的状态不允许停止。');
    expect(errorHint('UPSTREAM_TIMEOUT')).toContain('请先查看任务状态');
  });

  it('claim a retry only after a read: a write (a stop) is sent once, in both languages', async () => {
    expect(errorHint('UPSTREAM_ERROR')).toContain('even after the console retried');
    expect(errorHint('UPSTREAM_UNREACHABLE', 'read')).toContain('even after retrying');
    for (const code of ['UPSTREAM_ERROR', 'UPSTREAM_UNREACHABLE']) {
      expect(errorHint(code, 'write')).not.toMatch(/even after/);
      expect(errorHint(code, 'write')).toContain('did not retry it');
    }
    expect(errorHint('STOP_NOT_ALLOWED', 'write')).toBe(errorHint('STOP_NOT_ALLOWED'));
    await setLocale('zh-CN', { remember: false });
    expect(errorHint('UPSTREAM_ERROR', 'write')).toBe('华为云返回内部错误。控制台只发送了一次该请求，没有重试。这通常是暂时的。');
    expect(errorHint('UPSTREAM_UNREACHABLE', 'write')).toContain('没有重试');
  });

  it('say nothing for a code this page does not know, nor for a message key', () => {
    expect(errorHint('SOMETHING_NEW')).toBeNull();
    expect(errorHint('retryingNow')).toBeNull();
    expect(errorHint('upstreamErrorNotRetried', 'write')).toBeNull();
    expect(errorHint('')).toBeNull();
  });
});
