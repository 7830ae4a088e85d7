// Alert settings: ALERT_WEBHOOK_URL[_n] with their _FORMAT and _SECRET, ALERT_EVENTS, and the
// targets file's `alerts.webhooks`. Every refusal is one line naming the variable or the place in
// the file, and never repeats a URL (it may hold a token) or a secret.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALERT_EVENTS, loadConfig } from './index';

const SECRET = 'json-secret-0123456789abcdef';
const TOKEN_URL = 'https://hooks.slack.com/services/T000/B000/very-secret-token';
const dir = mkdtempSync(join(tmpdir(), 'dcs-alert-config-'));
let n = 0;
function file(content: unknown): string {
  const path = join(dir, `targets-${n++}.json`);
  writeFileSync(path, JSON.stringify(content));
  return path;
}
const target = { id: 'sg', endpoint: 'https://dcs.ap-southeast-1.myhuaweicloud.com', project_id: 'a'.repeat(32), credentials: { ak_env: 'SG_AK', sk_env: 'SG_SK' } };
const fileEnv = { SG_AK: 'AK', SG_SK: 'SK', AUTH_MODE: 'none' };

function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('alert webhooks from the environment', () => {
  it('none by default', () => {
    expect(loadConfig({}).alerts).toEqual({ webhooks: [] });
  });

  it('reads ALERT_WEBHOOK_URL then _2, _3 …, each with its own format and secret; json is the default; every event by default', () => {
    const { webhooks } = loadConfig({
      ALERT_WEBHOOK_URL: 'https://alerts.example.com/dcs',
      ALERT_WEBHOOK_SECRET: SECRET,
      ALERT_WEBHOOK_URL_3: 'https://open.feishu.cn/open-apis/bot/v2/hook/abc',
      ALERT_WEBHOOK_FORMAT_3: 'Feishu',
      ALERT_WEBHOOK_SECRET_3: 'feishu-secret',
      ALERT_WEBHOOK_URL_2: TOKEN_URL,
      ALERT_WEBHOOK_FORMAT_2: 'slack',
    }).alerts;
    expect(webhooks.map((w) => [w.source, w.format, w.secret, w.url.host])).toEqual([
      ['ALERT_WEBHOOK_URL', 'json', SECRET, 'alerts.example.com'],
      ['ALERT_WEBHOOK_URL_2', 'slack', null, 'hooks.slack.com'],
      ['ALERT_WEBHOOK_URL_3', 'feishu', 'feishu-secret', 'open.feishu.cn'],
    ]);
    expect(webhooks[0]!.events).toEqual(ALERT_EVENTS);
    expect(webhooks.map((w) => w.id)).toEqual([expect.stringMatching(/^wh-[0-9a-f]{12}$/), expect.any(String), expect.any(String)]);
  });

  it('gives a webhook the same id on every instance, and shows neither its URL nor its secret when logged', () => {
    const env = { ALERT_WEBHOOK_URL: TOKEN_URL, ALERT_WEBHOOK_FORMAT: 'slack' };
    const [one] = loadConfig(env).alerts.webhooks;
    const [two] = loadConfig(env).alerts.webhooks;
    expect(one!.id).toBe(two!.id);
    const json = JSON.stringify({ config: loadConfig({ ALERT_WEBHOOK_URL: 'https://alerts.example.com/x?token=abc', ALERT_WEBHOOK_SECRET: SECRET }) });
    expect(json).not.toContain(SECRET);
    expect(json).not.toContain('token=abc');
    expect(json).toContain('alerts.example.com');
  });

  it('ALERT_EVENTS picks the events, for every webhook of the environment', () => {
    const { webhooks } = loadConfig({ ALERT_WEBHOOK_URL: 'https://a.example.com', ALERT_EVENTS: ' task_failed, stop_failed ,' }).alerts;
    expect(webhooks[0]!.events).toEqual(['task_failed', 'stop_failed']);
  });

  it.each([
    [{ ALERT_WEBHOOK_URL: 'hooks.example.com/x' }, /^ALERT_WEBHOOK_URL: is not a URL/],
    [{ ALERT_WEBHOOK_URL: 'ftp://hooks.example.com/x' }, /^ALERT_WEBHOOK_URL: must be an http:\/\/ or https:\/\/ URL/],
    [{ ALERT_WEBHOOK_URL: 'https://user:pw-secret@hooks.example.com/x' }, /^ALERT_WEBHOOK_URL: must not contain credentials/],
    [{ ALERT_WEBHOOK_URL: 'https://a.example.com', ALERT_WEBHOOK_FORMAT: 'teams' }, /^ALERT_WEBHOOK_FORMAT: must be one of json, slack, feishu, dingtalk, wecom, got "teams"/],
    [{ ALERT_WEBHOOK_URL: 'https://a.example.com', ALERT_WEBHOOK_SECRET: 'short-secret' }, /^ALERT_WEBHOOK_SECRET: must be at least 16 characters/],
    [{ ALERT_WEBHOOK_URL: TOKEN_URL, ALERT_WEBHOOK_FORMAT: 'slack', ALERT_WEBHOOK_SECRET: SECRET }, /^ALERT_WEBHOOK_SECRET: is not used by the slack format/],
    [{ ALERT_WEBHOOK_URL: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', ALERT_WEBHOOK_FORMAT: 'wecom', ALERT_WEBHOOK_SECRET: SECRET }, /^ALERT_WEBHOOK_SECRET: is not used by the wecom format/],
    [{ ALERT_WEBHOOK_URL: 'https://a.example.com', ALERT_EVENTS: 'task_failed,task_succeeded' }, /^ALERT_EVENTS: "task_succeeded" is not an event; expected a list of task_failed, stop_terminated/],
    [{ ALERT_WEBHOOK_URL: 'https://a.example.com', ALERT_EVENTS: ' , ' }, /^ALERT_EVENTS: names no event/],
    [{ ALERT_EVENTS: 'task_failed' }, /^ALERT_EVENTS: is set but no webhook is/],
    [{ ALERT_WEBHOOK_SECRET: SECRET }, /^ALERT_WEBHOOK_URL: is required when ALERT_WEBHOOK_FORMAT or ALERT_WEBHOOK_SECRET is set/],
    [{ ALERT_WEBHOOK_URL: 'https://a.example.com', ALERT_WEBHOOK_FORMAT_2: 'slack' }, /^ALERT_WEBHOOK_URL_2: is required when/],
    [{ ALERT_WEBHOOK_URL_1: 'https://a.example.com' }, /^ALERT_WEBHOOK_URL_1: is not used: the first webhook is ALERT_WEBHOOK_URL, then _2/],
    [{ ALERT_WEBHOOK_URL: 'https://a.example.com', ALERT_WEBHOOK_URL_02: 'https://b.example.com' }, /^ALERT_WEBHOOK_URL_02: is not used/],
    [{ ALERT_WEBHOOK_URL: TOKEN_URL, ALERT_WEBHOOK_URL_2: TOKEN_URL }, /^ALERT_WEBHOOK_URL_2: is the same webhook \(URL and format\) as ALERT_WEBHOOK_URL/],
  ])('refuses %o with one line naming the variable', (env, message) => {
    const text = refusal(env);
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
    expect(text).not.toMatch(/very-secret-token|pw-secret|json-secret|short-secret/);
  });

  it('the feishu and dingtalk formats may be unsigned; json may be too (no secret: no signature header)', () => {
    for (const format of ['feishu', 'dingtalk', 'json']) {
      expect(loadConfig({ ALERT_WEBHOOK_URL: 'https://a.example.com', ALERT_WEBHOOK_FORMAT: format }).alerts.webhooks[0]!.secret).toBeNull();
    }
  });
});

describe('alert webhooks in DCS_TARGETS_FILE', () => {
  const env = { ...fileEnv, HOOK_SECRET: SECRET, DING_URL: 'https://oapi.dingtalk.com/robot/send?access_token=t0k3n', DING_SECRET: 'SECding' };

  it('reads alerts.webhooks (url or url_env, format, secret_env, events) after the environment webhooks', () => {
    const { webhooks } = loadConfig({
      ...env,
      ALERT_WEBHOOK_URL: 'https://a.example.com',
      ALERT_EVENTS: 'stop_failed',
      DCS_TARGETS_FILE: file({
        targets: [target],
        alerts: {
          webhooks: [
            { url: 'https://alerts.example.com/dcs', secret_env: 'HOOK_SECRET' },
            { url_env: 'DING_URL', format: 'dingtalk', secret_env: 'DING_SECRET', events: ['watch_fired', 'watch_failed'] },
          ],
        },
      }),
    }).alerts;
    expect(webhooks.map((w) => [w.source, w.format, w.secret, w.events])).toEqual([
      ['ALERT_WEBHOOK_URL', 'json', null, ['stop_failed']],
      ['DCS_TARGETS_FILE alerts.webhooks[0]', 'json', SECRET, ['stop_failed']],
      ['DCS_TARGETS_FILE alerts.webhooks[1]', 'dingtalk', 'SECding', ['watch_fired', 'watch_failed']],
    ]);
    expect(webhooks[2]!.url.searchParams.get('access_token')).toBe('t0k3n');
  });

  it('a file without alerts, or a bare list of targets, has none', () => {
    expect(loadConfig({ ...env, DCS_TARGETS_FILE: file({ targets: [target] }) }).alerts.webhooks).toEqual([]);
    expect(loadConfig({ ...env, DCS_TARGETS_FILE: file([target]) }).alerts.webhooks).toEqual([]);
  });

  it.each([
    [{ webhooks: 'https://a.example.com' }, /^DCS_TARGETS_FILE alerts: must be \{"webhooks"/],
    [{ webhooks: [{ url: 'https://a.example.com', secret: 'inline-secret-value' }] }, /^DCS_TARGETS_FILE alerts\.webhooks\[0\]\.secret: secrets do not belong in the targets file/],
    [{ webhooks: [{ url: 'https://a.example.com', secret_env: 'NOT_SET' }] }, /^DCS_TARGETS_FILE alerts\.webhooks\[0\]\.secret_env: environment variable NOT_SET is not set/],
    [{ webhooks: [{ format: 'json' }] }, /^DCS_TARGETS_FILE alerts\.webhooks\[0\]: needs url or url_env/],
    [{ webhooks: [{ url: 'https://a.example.com', url_env: 'DING_URL' }] }, /^DCS_TARGETS_FILE alerts\.webhooks\[0\]: gives both url and url_env/],
    [{ webhooks: [{ url: 'mailto:ops@example.com' }] }, /^DCS_TARGETS_FILE alerts\.webhooks\[0\]\.url: must be an http/],
    [{ webhooks: [{ url: 'https://a.example.com', format: 'pager' }] }, /^DCS_TARGETS_FILE alerts\.webhooks\[0\]\.format: must be one of/],
    [{ webhooks: [{ url: 'https://a.example.com', events: ['everything'] }] }, /^DCS_TARGETS_FILE alerts\.webhooks\[0\]\.events: "everything" is not an event/],
    [{ webhooks: [{ url: 'https://a.example.com', events: 'task_failed' }] }, /^DCS_TARGETS_FILE alerts\.webhooks\[0\]\.events: must be a list/],
    [{ webhooks: [{ url: 'https://a.example.com', secrets_env: 'HOOK_SECRET' }] }, /^DCS_TARGETS_FILE alerts\.webhooks\[0\]\.secrets_env: is not a webhook setting/],
    [{ webhooks: [{ url_env: 'DING_URL', format: 'dingtalk' }, { url_env: 'DING_URL', format: 'dingtalk' }] }, /^DCS_TARGETS_FILE alerts\.webhooks\[1\]: is the same webhook/],
  ])('refuses a bad alerts section with one line naming the place: %j', (alerts, message) => {
    const text = refusal({ ...env, DCS_TARGETS_FILE: file({ targets: [target], alerts }) });
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
    expect(text).not.toMatch(/inline-secret-value|t0k3n|json-secret/);
  });
});
