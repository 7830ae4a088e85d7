import { en } from './messages/en';
import { currentCatalog, setLocale } from './locale';
import { translate, useT } from './translate';

describe('English brought on demand by the modules that use it', () => {
  afterEach(() => setLocale('en', { remember: false }));

  it('is not in the first download; the binding registers it when its module loads, and it survives language switches', async () => {
    expect('audit' in en).toBe(false);
    expect(currentCatalog().audit).toBeUndefined(); // nothing registered by loading the i18n itself
    const { translateAudit } = await import('../features/audit/lib/english');
    expect(translateAudit('title')).toBe('Activity');
    await setLocale('zh-CN', { remember: false });
    expect(translateAudit('title')).toBe('操作记录');
    await setLocale('en', { remember: false });
    expect(translateAudit('title')).toBe('Activity');
  });

  it('each on-demand namespace comes with its binding, and only with it', async () => {
    const bindings = [
      ['taskPage', 'Overview', async () => (await import('../features/migration-tasks/lib/english-task-page')).translateTaskPage('overview')],
      ['stopDialog', 'Stop migration task?', async () => (await import('../features/migration-tasks/lib/english-stop-dialog')).translateStopDialog('dialogTitle')],
      ['batchDialog', 'Close', async () => (await import('../features/migration-tasks/components/batch-stop/english')).translateBatchDialog('close')],
      ['overview', 'Needs attention', async () => (await import('../features/overview/lib/english')).translateOverview('attentionTitle')],
    ] as const;
    for (const [namespace, english, load] of bindings) {
      expect(namespace in en).toBe(false);
      expect(currentCatalog()[namespace]).toBeUndefined();
      expect(await load()).toBe(english);
      expect(currentCatalog()[namespace]).toBeDefined();
    }
  });

  it('the generic useT and translate refuse an on-demand namespace (type level)', () => {
    // Never called: only the type check matters. Each line fails to compile without its expect-error.
    const useRefused = () => [
      // @ts-expect-error taskPage is on demand: useTaskPageT (english-task-page.ts) gives its texts
      useT('taskPage'),
      // @ts-expect-error audit is on demand: useAuditT (features/audit/lib/english.ts)
      useT('audit'),
      // @ts-expect-error stopDialog is on demand: translateStopDialog (english-stop-dialog.ts)
      translate('stopDialog', 'dialogTitle'),
      // @ts-expect-error batchDialog is on demand: translateBatchDialog (batch-stop/english.ts)
      translate('batchDialog', 'close'),
    ];
    expect(typeof useRefused).toBe('function');
    expect(translate('common', 'no-such-key' as never)).toBe('no-such-key'); // core namespaces still open
  });
});
