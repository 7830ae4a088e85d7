import { en } from './messages/en';
import { setLocale } from './locale';
import { translate } from './translate';

describe('English brought on demand by the pages that use it', () => {
  afterEach(() => setLocale('en', { remember: false }));

  it('is not in the first download; a page registers it when its module loads, and it survives language switches', async () => {
    expect('audit' in en).toBe(false);
    expect(translate('audit', 'title')).toBe('title'); // nothing registered yet: the key, never a crash
    await import('../features/audit/lib/english');
    expect(translate('audit', 'title')).toBe('Activity');
    await setLocale('zh-CN', { remember: false });
    expect(translate('audit', 'title')).toBe('操作记录');
    await setLocale('en', { remember: false });
    expect(translate('audit', 'title')).toBe('Activity');
  });
});
