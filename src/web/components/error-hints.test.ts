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

  it('say nothing for a code this page does not know, nor for a message key', () => {
    expect(errorHint('SOMETHING_NEW')).toBeNull();
    expect(errorHint('retryingNow')).toBeNull();
    expect(errorHint('')).toBeNull();
  });
});
