// The composition root with alerts: ALERT_WEBHOOK_URL makes startConsole keep the outbox in
// DATA_DIR/alerts.db (0600) and report the webhook in /readyz; without it there is no file and no
// worker; a bad alert setting stops start-up with one line naming the variable.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startConsole, type RunningConsole } from '../main';
import { ALERT_DB_FILE } from './outbox-store';

let dataDir: string;
let running: RunningConsole | null = null;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'dcs-alerts-main-'));
});
afterEach(async () => {
  await running?.close();
  running = null;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('startConsole with alerts', () => {
  it('keeps the outbox in DATA_DIR/alerts.db and reports the webhook in /readyz', async () => {
    running = await startConsole({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ALERT_WEBHOOK_URL: 'http://127.0.0.1:9/alerts?token=t0k', ALERT_WEBHOOK_SECRET: 'main-test-secret-0123456789' }, { port: 0, staticDir: null });
    expect(statSync(join(dataDir, ALERT_DB_FILE)).mode & 0o777).toBe(0o600);
    const ready = await running.app.inject({ url: '/readyz' });
    expect(ready.json().alerts).toEqual({ webhooks: [expect.objectContaining({ format: 'json', host: '127.0.0.1:9', healthy: true, pending: 0 })] });
    expect(ready.body).not.toMatch(/t0k|main-test-secret/);
  });

  it('without a webhook: no alerts.db, no worker', async () => {
    running = await startConsole({ PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, { port: 0, staticDir: null });
    expect(running.app.alerts).toBeNull();
    expect(existsSync(join(dataDir, ALERT_DB_FILE))).toBe(false);
    expect((await running.app.inject({ url: '/readyz' })).json().alerts).toBeUndefined();
  });

  it('a bad setting stops start-up with one line naming the variable', async () => {
    await expect(startConsole({ PORT: '0', DATA_DIR: dataDir, ALERT_WEBHOOK_URL: 'http://127.0.0.1:9/a', ALERT_WEBHOOK_FORMAT: 'msteams' }, { port: 0, staticDir: null })).rejects.toThrow(
      /^ALERT_WEBHOOK_FORMAT: must be one of json, slack, feishu, dingtalk, wecom, got "msteams"$/,
    );
  });
});
