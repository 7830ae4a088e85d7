// Delivery to a real receiver on loopback: the body and signature of each of the five formats as
// the receiving service checks them, retries with backoff on the test's clock, giving up after ten
// minutes (or at once on a 4xx), what /readyz and /metrics then say, and no secret anywhere but the
// signature it makes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALERT_SCHEMA_VERSION, type AlertEvent } from './event';
import { DELIVERY_WINDOW_MS, FIRST_RETRY_MS, retryDelayMs } from './delivery';
import { metricValue, startAlertHarness, type AlertHarness } from './testing/harness';
import { startAlertReceiver, verifyDingtalkSignature, verifyFeishuSignature, verifyJsonSignature, type AlertReceiver, type ReceivedAlert } from './testing/receiver';

const JSON_SECRET = 'json-signing-secret-0123456789';
const FEISHU_SECRET = 'feishu-bot-secret-abc';
const DING_SECRET = 'SECdingtalk0123456789abcdef';
const SECRETS = [JSON_SECRET, FEISHU_SECRET, DING_SECRET];

let receiver: AlertReceiver;
let harness: AlertHarness | null = null;
beforeEach(async () => {
  receiver = await startAlertReceiver();
});
afterEach(async () => {
  await harness?.close();
  harness = null;
  await receiver.close();
});

async function start(env: NodeJS.ProcessEnv, options: { timeoutMs?: number } = {}): Promise<AlertHarness> {
  harness = await startAlertHarness(env, { ...options, publicUrl: new URL('https://console.example.com') });
  return harness;
}
const jsonHook = (path = '/hook') => ({ ALERT_WEBHOOK_URL: `${receiver.url}${path}`, ALERT_WEBHOOK_SECRET: JSON_SECRET });
/** A stop refused by the cloud: one stop_failed alert. */
const refusedStop = (h: AlertHarness, reason: string | null = 'cut-over window') =>
  h.record({ action: 'stop', task_id: 'task-1', task_name: 'orders-cache', reason }, { outcome: 'refused', error_code: 'STOP_NOT_ALLOWED', upstream_error_code: 'DCS.4957' });
const state = async (h: AlertHarness) => (await h.alerts.readiness()).webhooks[0]!;

function expectNoSecret(request: ReceivedAlert): void {
  const { 'x-dcs-console-signature': _signature, ...headers } = request.headers;
  const seen = `${request.path}\n${request.body}\n${JSON.stringify(headers)}`;
  for (const secret of SECRETS) expect(seen).not.toContain(secret);
}

describe('the five formats, as each service checks them', () => {
  it('json: the documented schema, signed t=<s>,v1=HMAC-SHA256(secret, "<t>.<body>") over the raw body', async () => {
    const h = await start(jsonHook());
    const record = await refusedStop(h);
    await h.alerts.tick();
    const [request] = await receiver.waitFor(1);
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/hook');
    expect(request!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(request!.headers['x-dcs-console-event']).toBe('stop_failed');
    const body = request!.json as AlertEvent;
    expect(body).toEqual({
      version: ALERT_SCHEMA_VERSION,
      id: `stop_failed:${record.id}`,
      event: 'stop_failed',
      occurred_at: record.finished_at,
      target: 'test',
      task_id: 'task-1',
      task_name: 'orders-cache',
      status: 'INCRMIGEATING',
      previous_status: null,
      user: 'olga',
      reason: 'cut-over window',
      action: 'stop',
      outcome: 'refused',
      error_code: 'STOP_NOT_ALLOWED',
      upstream_error_code: 'DCS.4957',
      audit_record_id: record.id,
      link: 'https://console.example.com/targets/test/tasks/task-1',
      summary: 'Stop of task orders-cache by olga was refused: STOP_NOT_ALLOWED',
    });
    expect(request!.headers['x-dcs-console-delivery']).toBe(body.id);
    expect(request!.headers['x-dcs-console-signature']).toBe(`t=${Math.floor(h.clock.now() / 1000)},v1=${String(request!.headers['x-dcs-console-signature']).split('v1=')[1]}`);
    expect(verifyJsonSignature(request!, JSON_SECRET, { nowMs: h.clock.now() })).toBe(true);
    expect(verifyJsonSignature({ ...request!, body: request!.body.replace('refused', 'accepted') }, JSON_SECRET)).toBe(false);
    expect(verifyJsonSignature(request!, 'another-secret-0123456789')).toBe(false);
    expect(verifyJsonSignature(request!, JSON_SECRET, { nowMs: h.clock.now() + 301_000 })).toBe(false); // replayed later
    expectNoSecret(request!);
  });

  it('json without a secret: no signature header', async () => {
    const h = await start({ ALERT_WEBHOOK_URL: `${receiver.url}/plain` });
    await refusedStop(h);
    await h.alerts.tick();
    const [request] = await receiver.waitFor(1);
    expect(request!.headers['x-dcs-console-signature']).toBeUndefined();
    expect((request!.json as AlertEvent).event).toBe('stop_failed');
  });

  it('slack: an incoming-webhook message {text, blocks}, with &, < and > escaped', async () => {
    const h = await start({ ALERT_WEBHOOK_URL: `${receiver.url}/services/T0/B0/x`, ALERT_WEBHOOK_FORMAT: 'slack' });
    await refusedStop(h, 'see <ticket> & retry');
    await h.alerts.tick();
    const [request] = await receiver.waitFor(1);
    const body = request!.json as { text: string; blocks: { type: string; text: { type: string; text: string } }[] };
    expect(Object.keys(body)).toEqual(['text', 'blocks']);
    expect(body.text).toContain('[DCS Migration Console] Stop of task orders-cache by olga was refused: STOP_NOT_ALLOWED');
    expect(body.text).toContain('Reason: see &lt;ticket&gt; &amp; retry');
    expect(body.text).toContain('https://console.example.com/targets/test/tasks/task-1');
    expect(body.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: body.text } }]);
  });

  it('feishu: {timestamp (s), sign, msg_type: "text", content: {text}}, sign = base64 HMAC keyed with timestamp\\nsecret', async () => {
    const h = await start({ ALERT_WEBHOOK_URL: `${receiver.url}/open-apis/bot/v2/hook/abc`, ALERT_WEBHOOK_FORMAT: 'feishu', ALERT_WEBHOOK_SECRET: FEISHU_SECRET });
    await refusedStop(h);
    await h.alerts.tick();
    const [request] = await receiver.waitFor(1);
    const body = request!.json as Record<string, unknown>;
    expect(body).toEqual({ timestamp: String(Math.floor(h.clock.now() / 1000)), sign: expect.any(String), msg_type: 'text', content: { text: expect.stringContaining('was refused') } });
    expect(verifyFeishuSignature(request!, FEISHU_SECRET)).toBe(true);
    expect(verifyFeishuSignature(request!, 'wrong')).toBe(false);
    expectNoSecret(request!);
  });

  it('feishu without a secret: no timestamp or sign', async () => {
    const h = await start({ ALERT_WEBHOOK_URL: `${receiver.url}/open-apis/bot/v2/hook/abc`, ALERT_WEBHOOK_FORMAT: 'feishu' });
    await refusedStop(h);
    await h.alerts.tick();
    expect(Object.keys((await receiver.waitFor(1))[0]!.json as object)).toEqual(['msg_type', 'content']);
  });

  it('dingtalk: {msgtype: "text", text: {content}}, the URL signed with &timestamp=<ms>&sign=<urlencoded base64 HMAC>', async () => {
    const h = await start({ ALERT_WEBHOOK_URL: `${receiver.url}/robot/send?access_token=t0k`, ALERT_WEBHOOK_FORMAT: 'dingtalk', ALERT_WEBHOOK_SECRET: DING_SECRET });
    await refusedStop(h);
    await h.alerts.tick();
    const [request] = await receiver.waitFor(1);
    expect(request!.json).toEqual({ msgtype: 'text', text: { content: expect.stringContaining('was refused') } });
    expect(request!.path).toMatch(new RegExp(`^/robot/send\\?access_token=t0k&timestamp=${h.clock.now()}&sign=[A-Za-z0-9%]+$`));
    expect(request!.path).not.toMatch(/sign=.*[+/=]/); // base64's + / = are URL-encoded
    expect(verifyDingtalkSignature(request!, DING_SECRET)).toBe(true);
    expect(verifyDingtalkSignature(request!, 'SECwrong')).toBe(false);
    expectNoSecret(request!);
  });

  it('wecom: {msgtype: "text", text: {content}}, at most 2048 UTF-8 bytes, unsigned', async () => {
    const h = await start({ ALERT_WEBHOOK_URL: `${receiver.url}/cgi-bin/webhook/send?key=k3y`, ALERT_WEBHOOK_FORMAT: 'wecom' });
    await refusedStop(h, '迁移'.repeat(400));
    await h.alerts.tick();
    const [request] = await receiver.waitFor(1);
    const body = request!.json as { msgtype: string; text: { content: string } };
    expect(Object.keys(body)).toEqual(['msgtype', 'text']);
    expect(body.msgtype).toBe('text');
    expect(body.text.content).toMatch(/^\[DCS Migration Console\] Stop of task orders-cache/);
    expect(Buffer.byteLength(body.text.content)).toBeLessThanOrEqual(2048);
    expect(body.text.content.endsWith('…')).toBe(true);
    expect(request!.path).toBe('/cgi-bin/webhook/send?key=k3y');
  });
});

describe('retries', () => {
  it('a 500 then a 200: tried again after 5 s of the clock, not before; one alert, the same id, signed afresh', async () => {
    const h = await start(jsonHook());
    receiver.answerNext({ status: 500, body: { error: 'busy' } });
    await refusedStop(h);
    expect(await metricValue(h.metrics, 'dcs_console_alert_queue_depth')).toBe(1);
    await h.alerts.tick();
    expect(receiver.received).toHaveLength(1);
    expect(await state(h)).toMatchObject({ healthy: false, pending: 1, last_error: 'HTTP 500', given_up_24h: 0 });
    expect(await metricValue(h.metrics, 'dcs_console_alerts_sent_total', { format: 'json', event: 'stop_failed', outcome: 'retry' })).toBe(1);

    await h.alerts.tick();
    h.clock.advance(FIRST_RETRY_MS - 1);
    await h.alerts.tick();
    expect(receiver.received).toHaveLength(1);
    h.clock.advance(1);
    await h.alerts.tick();
    const [first, second] = await receiver.waitFor(2);
    expect(second!.body).toBe(first!.body);
    expect(verifyJsonSignature(second!, JSON_SECRET, { nowMs: h.clock.now() })).toBe(true);
    expect(second!.headers['x-dcs-console-signature']).not.toBe(first!.headers['x-dcs-console-signature']);
    expect(await state(h)).toMatchObject({ healthy: true, pending: 0, last_error: null });
    expect(await metricValue(h.metrics, 'dcs_console_alerts_sent_total', { outcome: 'sent' })).toBe(1);
    expect(await metricValue(h.metrics, 'dcs_console_alert_queue_depth')).toBe(0);
    await h.alerts.tick();
    h.clock.advance(DELIVERY_WINDOW_MS);
    await h.alerts.tick();
    expect(receiver.received).toHaveLength(2);
  });

  it('backs off 5, 10, 20, 40, 80 s, then every 2 min, and gives up once the next try would pass 10 minutes', async () => {
    const h = await start(jsonHook());
    receiver.answerNext(...Array.from({ length: 20 }, () => ({ status: 503 })));
    await refusedStop(h);
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 12; attempt++) {
      await h.alerts.tick();
      if (receiver.received.length < attempt) break;
      delays.push(retryDelayMs(attempt));
      h.clock.advance(retryDelayMs(attempt));
    }
    expect(receiver.received).toHaveLength(9);
    expect(delays.slice(0, 8)).toEqual([5000, 10_000, 20_000, 40_000, 80_000, 120_000, 120_000, 120_000]);
    expect(await state(h)).toMatchObject({ healthy: false, pending: 0, given_up_24h: 1, last_error: 'HTTP 503' });
    expect(await metricValue(h.metrics, 'dcs_console_alerts_sent_total', { outcome: 'retry' })).toBe(8);
    expect(await metricValue(h.metrics, 'dcs_console_alerts_sent_total', { outcome: 'failed' })).toBe(1);
    const gaveUp = h.logs.map((line) => JSON.parse(line) as { event?: string; level: number; msg: string }).filter((line) => line.event === 'alerts.gave_up');
    expect(gaveUp).toEqual([expect.objectContaining({ level: 40, msg: expect.stringContaining('given up: HTTP 503') })]);
  });

  it('a 4xx other than 408/425/429 is not tried again', async () => {
    const h = await start(jsonHook());
    receiver.answerNext({ status: 404 });
    await refusedStop(h);
    await h.alerts.tick();
    h.clock.advance(FIRST_RETRY_MS);
    await h.alerts.tick();
    expect(receiver.received).toHaveLength(1);
    expect(await state(h)).toMatchObject({ healthy: false, given_up_24h: 1, last_error: 'HTTP 404 (not retried)' });
  });

  it('a 200 whose body refuses the message (feishu code, dingtalk/wecom errcode) is tried again', async () => {
    const h = await start({ ALERT_WEBHOOK_URL: `${receiver.url}/robot/send?access_token=t`, ALERT_WEBHOOK_FORMAT: 'dingtalk', ALERT_WEBHOOK_SECRET: DING_SECRET });
    receiver.answerNext({ status: 200, body: { errcode: 310000, errmsg: 'sign not match' } });
    await refusedStop(h);
    await h.alerts.tick();
    expect(await state(h)).toMatchObject({ healthy: false, pending: 1, last_error: 'dingtalk answered code 310000' });
    h.clock.advance(FIRST_RETRY_MS);
    await h.alerts.tick();
    expect(receiver.received).toHaveLength(2);
    expect(await state(h)).toMatchObject({ healthy: true, pending: 0 });
  });

  it('no answer within the timeout, or a dropped connection: tried again; the error names no address', async () => {
    const h = await start(jsonHook('/slow?token=abc'), { timeoutMs: 300 });
    receiver.answerNext('hang', 'drop');
    await refusedStop(h);
    await h.alerts.tick();
    expect(await state(h)).toMatchObject({ pending: 1, last_error: 'no answer within 300 ms' });
    h.clock.advance(FIRST_RETRY_MS);
    await h.alerts.tick();
    const { last_error: error } = await state(h);
    expect(error).toMatch(/^connection failed/);
    expect(error).not.toMatch(/127\.0\.0\.1|token/);
    h.clock.advance(retryDelayMs(2));
    await h.alerts.tick();
    expect(await state(h)).toMatchObject({ healthy: true, pending: 0 });
    expect(receiver.received).toHaveLength(3);
  });

  it('never logs a webhook URL or secret', async () => {
    const h = await start({ ...jsonHook('/hook?token=url-token-123'), ALERT_WEBHOOK_URL_2: `${receiver.url}/robot/send?access_token=ding-token-456`, ALERT_WEBHOOK_FORMAT_2: 'dingtalk', ALERT_WEBHOOK_SECRET_2: DING_SECRET });
    receiver.answerNext({ status: 500 }, { status: 500 }, { status: 400 }, { status: 400 });
    await refusedStop(h);
    await h.alerts.tick();
    h.clock.advance(FIRST_RETRY_MS);
    await h.alerts.tick();
    expect(receiver.received).toHaveLength(4);
    const logs = h.logs.join('\n');
    expect(logs).toContain('alerts.gave_up');
    const readiness = JSON.stringify(await h.alerts.readiness());
    for (const secret of [...SECRETS, 'url-token-123', 'ding-token-456', '/hook', '/robot/send']) {
      expect(logs).not.toContain(secret);
      expect(readiness).not.toContain(secret);
    }
  });
});
