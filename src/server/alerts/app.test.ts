// Alerts through a real console: buildApp with the real simulator over HTTP, its fault injection,
// the real task observer, and a real receiver. The stop answers without waiting for any webhook;
// the alert goes out from the background worker, once, signed; a failing webhook shows in /readyz
// (which stays 200) and in /metrics.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AlertEvent } from './event';
import { loadAlertConfig } from '../config';
import { startTestStack, type TestStack } from '../testing/stack';
import { as, OPERATOR, proxyAuth } from '../testing/proxy-users';
import { startAlertReceiver, verifyJsonSignature, type AlertReceiver } from './testing/receiver';

const SECRET = 'app-test-signing-secret-0123456789';
let receiver: AlertReceiver;
let stack: TestStack;

beforeAll(async () => {
  receiver = await startAlertReceiver();
  const config = loadAlertConfig({ ALERT_WEBHOOK_URL: `${receiver.url}/dcs`, ALERT_WEBHOOK_SECRET: SECRET });
  stack = await startTestStack({ app: { auth: proxyAuth(), alerts: { config, intervalMs: 0, timeoutMs: 1000 }, overview: { intervalMs: 0 } } });
});
afterAll(async () => {
  await stack.close();
  await receiver.close();
});
beforeEach(async () => {
  await stack.control('POST', '/reset');
  await nextScan(); // the observer learns the seeded statuses (its first scan only learns)
});
afterEach(async () => {
  // Whatever a test left pending is sent or given up, so the next one starts from an empty outbox.
  stack.clock.advance(11 * 60_000);
  await alerts().tick();
  receiver.received.splice(0);
});

const alerts = () => stack.app.alerts!;
async function stoppableTask(): Promise<{ task_id: string; task_name: string }> {
  const res = await as(stack, OPERATOR, 'GET', '/api/migration-tasks?limit=100');
  return (res.json().tasks as { task_id: string; task_name: string; status: string }[]).find((t) => t.status === 'INCRMIGEATING')!;
}
const stop = (taskId: string) => as(stack, OPERATOR, 'POST', `/api/migration-tasks/${taskId}/stop`, { payload: { reason: 'cut-over done' } });
/** dcs_console_alerts_sent_total of failed json stop_failed calls tried again, so far. */
async function retries(): Promise<number> {
  const metrics = (await stack.app.inject({ url: '/metrics' })).body;
  return Number(/^dcs_console_alerts_sent_total\{format="json",event="stop_failed",outcome="retry"\} (\d+)$/m.exec(metrics)?.[1] ?? 0);
}
/** The next scan of the observer, a scan interval later on the shared clock. */
async function nextScan(): Promise<void> {
  stack.clock.advance(30_000);
  await stack.app.taskObserver.tick();
}

describe('alerts through the console', () => {
  it('a stop the simulator refuses: the stop answers without any webhook call; then exactly one json alert, validly signed', async () => {
    const task = await stoppableTask();
    await stack.control('POST', '/faults', { route: 'POST /migration-task/{id}/stop', status: 400, error_code: 'DCS.4957', times: 1 });
    const res = await stop(task.task_id);
    expect(res.statusCode).toBe(409);
    expect(receiver.received).toHaveLength(0);
    await alerts().tick();
    await alerts().tick();
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    const event = request!.json as AlertEvent;
    expect(event).toMatchObject({ event: 'stop_failed', target: 'test', task_id: task.task_id, task_name: task.task_name, user: OPERATOR.user, reason: 'cut-over done', action: 'stop', outcome: 'refused', error_code: 'STOP_NOT_ALLOWED', upstream_error_code: 'DCS.4957' });
    expect(verifyJsonSignature(request!, SECRET, { nowMs: stack.clock.now() })).toBe(true);
    const audit = await as(stack, OPERATOR, 'GET', `/api/audit?task_id=${task.task_id}`);
    expect(event.audit_record_id).toBe(audit.json().records[0].id);
    expect(request!.body).not.toContain(SECRET);
  });

  it('a webhook that never answers holds no stop up: a stop answers while the delivery hangs', async () => {
    const [first, second] = (await as(stack, OPERATOR, 'GET', '/api/migration-tasks?limit=100')).json().tasks.filter((t: { status: string }) => t.status === 'INCRMIGEATING');
    await stack.control('POST', '/faults', { route: 'POST /migration-task/{id}/stop', status: 400, error_code: 'DCS.4957', times: 2 });
    receiver.answerNext('hang');
    await stop(first.task_id);
    const delivering = alerts().tick();
    await receiver.waitFor(1); // the webhook holds this request unanswered
    expect((await stop(second.task_id)).statusCode).toBe(409);
    await delivering; // cut by the 1 s timeout: tried again later
    expect((await alerts().readiness()).webhooks[0]).toMatchObject({ pending: 2, last_error: 'no answer within 1000 ms' });
  });

  it('a stop accepted through the console: stop_terminated once the observer reads the task TERMINATED', async () => {
    const task = await stoppableTask();
    expect((await stop(task.task_id)).statusCode).toBe(200);
    await alerts().tick();
    expect(receiver.received).toHaveLength(0);
    await nextScan(); // the simulator settles a stop after 300 ms of the clock
    await alerts().tick();
    expect(receiver.received.map((r) => r.json)).toEqual([
      expect.objectContaining({ event: 'stop_terminated', task_id: task.task_id, status: 'TERMINATED', user: OPERATOR.user, reason: 'cut-over done', action: 'stop' }),
    ]);
  });

  it('a task the cloud reports FAILED: task_failed once, from the observer', async () => {
    const task = await stoppableTask();
    await stack.control('POST', `/tasks/${task.task_id}/status`, { status: 'FAILED' });
    await nextScan();
    await alerts().tick();
    expect(receiver.received.map((r) => r.json)).toEqual([expect.objectContaining({ id: `task_failed:test:${task.task_id}:FAILED`, previous_status: 'INCRMIGEATING', status: 'FAILED', task_name: task.task_name })]);
  });

  it('a failing webhook: /readyz stays 200 and says so; /metrics counts it and the queue', async () => {
    const task = await stoppableTask();
    const retriesBefore = await retries();
    await stack.control('POST', '/faults', { route: 'POST /migration-task/{id}/stop', status: 403, error_code: 'DCS.2007', times: 1 });
    receiver.answerNext({ status: 502 });
    await stop(task.task_id);
    await alerts().tick();
    const ready = await stack.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().alerts).toEqual({
      webhooks: [{ id: expect.stringMatching(/^wh-/), format: 'json', host: new URL(receiver.url).host, healthy: false, pending: 1, given_up_24h: 0, last_attempt_at: expect.any(String), last_error: 'HTTP 502' }],
    });
    expect(ready.body).not.toContain(SECRET);
    expect(ready.body).not.toContain('/dcs');
    expect(await retries()).toBe(retriesBefore + 1);
    expect((await stack.app.inject({ url: '/metrics' })).body).toMatch(/^dcs_console_alert_queue_depth 1$/m);
    stack.clock.advance(5000);
    await alerts().tick();
    expect(receiver.received).toHaveLength(2);
  });
});
