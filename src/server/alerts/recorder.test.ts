// Which alerts the console sends, from what it sees: finished audit records (stops, batch stops,
// watches) and the observer's status changes. Each event once, filtered by ALERT_EVENTS or a file
// entry's `events`; a stop's TERMINATED only for a stop sent through the console.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertEvent } from './event';
import { startAlertHarness, type AlertHarness } from './testing/harness';
import { startAlertReceiver, type AlertReceiver } from './testing/receiver';

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

async function start(env: NodeJS.ProcessEnv = {}): Promise<AlertHarness> {
  harness = await startAlertHarness({ ALERT_WEBHOOK_URL: `${receiver.url}/hook`, ...env });
  return harness;
}
/** What the receiver got since the last call, as events. */
let seen = 0;
beforeEach(() => {
  seen = 0;
});
async function sent(h: AlertHarness): Promise<AlertEvent[]> {
  await h.alerts.tick();
  const events = receiver.received.slice(seen).map((request) => request.json as AlertEvent);
  seen = receiver.received.length;
  return events;
}
const change = (h: AlertHarness, taskId: string, from: string | null, to: string | null, taskName: string | null = null) =>
  h.changes.tell({ target: 'test', taskId, taskName, from, to, atMs: h.clock.now() });

describe('from the audit feed', () => {
  it('a stop, a batch stop or a watch stop refused, failed or unknown: stop_failed, one per record', async () => {
    const h = await start();
    await h.record({ action: 'stop', task_id: 'a' }, { outcome: 'unknown', error_code: 'UPSTREAM_TIMEOUT' });
    await h.record({ action: 'batch-stop', task_id: 'b', batch_id: 'batch-1' }, { outcome: 'failed', error_code: 'UPSTREAM_ERROR' });
    await h.record({ action: 'caught-up-stop', task_id: 'c' }, { outcome: 'refused', error_code: 'STOP_NOT_ALLOWED' });
    const events = await sent(h);
    expect(events.map((e) => [e.event, e.task_id, e.action, e.outcome, e.error_code])).toEqual([
      ['stop_failed', 'a', 'stop', 'unknown', 'UPSTREAM_TIMEOUT'],
      ['stop_failed', 'b', 'batch-stop', 'failed', 'UPSTREAM_ERROR'],
      ['stop_failed', 'c', 'caught-up-stop', 'refused', 'STOP_NOT_ALLOWED'],
    ]);
    expect(events[0]!.summary).toBe('Stop of task a by olga has an unknown outcome (check the task): UPSTREAM_TIMEOUT');
  });

  it('an accepted console stop: nothing until the observer sees its task TERMINATED, then stop_terminated once', async () => {
    const h = await start();
    const record = await h.record({ action: 'stop', task_id: 'a', task_name: 'orders', reason: 'cut-over' }, { outcome: 'accepted', status_after: 'TERMINATING' });
    expect(await sent(h)).toEqual([]);
    change(h, 'other', 'INCRMIGEATING', 'TERMINATED'); // stopped elsewhere: not the console's stop
    change(h, 'a', 'INCRMIGEATING', 'TERMINATING');
    expect(await sent(h)).toEqual([]);
    h.clock.advance(30_000);
    change(h, 'a', 'TERMINATING', 'TERMINATED');
    change(h, 'a', 'TERMINATING', 'TERMINATED'); // a second instance's observer
    const [event, ...more] = await sent(h);
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      id: `stop_terminated:${record.id}`,
      event: 'stop_terminated',
      occurred_at: new Date(h.clock.now()).toISOString(),
      task_id: 'a',
      task_name: 'orders',
      status: 'TERMINATED',
      user: 'olga',
      reason: 'cut-over',
      action: 'stop',
      outcome: 'accepted',
      audit_record_id: record.id,
      summary: 'Task orders is TERMINATED after the stop by olga',
    });
  });

  it('a stop answered TERMINATED at once: stop_terminated at once', async () => {
    const h = await start();
    await h.record({ action: 'batch-stop', task_id: 'a', batch_id: 'b' }, { outcome: 'accepted', status_after: 'TERMINATED' });
    expect((await sent(h)).map((e) => e.event)).toEqual(['stop_terminated']);
    change(h, 'a', 'TERMINATING', 'TERMINATED');
    expect(await sent(h)).toEqual([]);
  });

  it('a watch that stops its task: watch_fired, then stop_terminated when it is TERMINATED', async () => {
    const h = await start();
    const record = await h.record({ action: 'caught-up-stop', task_id: 'w', user: 'wendy' }, { outcome: 'accepted', status_after: 'TERMINATING' });
    const [fired] = await sent(h);
    expect(fired).toMatchObject({ id: `watch_fired:${record.id}`, event: 'watch_fired', user: 'wendy', status: 'TERMINATING', outcome: 'accepted' });
    change(h, 'w', 'TERMINATING', 'TERMINATED', 'wal-sync');
    expect(await sent(h)).toEqual([expect.objectContaining({ event: 'stop_terminated', task_name: 'wal-sync', action: 'caught-up-stop', user: 'wendy' })]);
  });

  it('a watch that gives up: watch_failed with its failure code; a cancel or a schedule by a person: nothing', async () => {
    const h = await start();
    await h.record({ action: 'caught-up-schedule', task_id: 'w' }, { outcome: 'accepted' });
    await h.record({ action: 'caught-up-cancel', task_id: 'w' }, { outcome: 'accepted' });
    await h.record({ action: 'caught-up-cancel', task_id: 'w', user: 'console' }, { outcome: 'failed', error_code: 'UPSTREAM_ERRORS' });
    expect((await sent(h)).map((e) => [e.event, e.error_code, e.summary])).toEqual([['watch_failed', 'UPSTREAM_ERRORS', 'Stop-when-caught-up gave up on task w: UPSTREAM_ERRORS']]);
  });
});

describe('from status changes', () => {
  it('into FAILED or MIGRATION_FAILED: task_failed, once per task and status, however many observers tell it', async () => {
    const h = await start();
    change(h, 'a', 'INCRMIGEATING', 'FAILED', 'orders');
    change(h, 'a', 'INCRMIGEATING', 'FAILED', 'orders');
    change(h, 'b', null, 'MIGRATION_FAILED');
    change(h, 'a', 'FAILED', 'MIGRATION_FAILED'); // already failed
    change(h, 'c', 'MIGRATING', 'SUCCESS');
    const events = await sent(h);
    expect(events.map((e) => [e.id, e.status, e.previous_status])).toEqual([
      ['task_failed:test:a:FAILED', 'FAILED', 'INCRMIGEATING'],
      ['task_failed:test:b:MIGRATION_FAILED', 'MIGRATION_FAILED', null],
    ]);
    expect(events[0]).toMatchObject({ task_name: 'orders', user: null, action: null, outcome: null, summary: 'Task orders failed: FAILED (was INCRMIGEATING)' });
  });
});

describe('ALERT_EVENTS', () => {
  it('sends only the events it names', async () => {
    const h = await start({ ALERT_EVENTS: 'task_failed,watch_failed' });
    await h.record({ action: 'stop', task_id: 'a' }, { outcome: 'refused' });
    await h.record({ action: 'stop', task_id: 'b' }, { outcome: 'accepted', status_after: 'TERMINATED' });
    await h.record({ action: 'caught-up-cancel', task_id: 'w', user: 'console' }, { outcome: 'failed', error_code: 'TASK_NOT_FOUND' });
    change(h, 'c', 'MIGRATING', 'FAILED');
    expect((await sent(h)).map((e) => e.event)).toEqual(['watch_failed', 'task_failed']);
  });

  it('applies to the environment’s webhooks; a targets file entry with its own `events` gets those', async () => {
    const other = await startAlertReceiver();
    const dir = mkdtempSync(join(tmpdir(), 'dcs-alert-events-'));
    try {
      const file = join(dir, 'targets.json');
      const target = { id: 'sg', endpoint: 'https://dcs.ap-southeast-1.myhuaweicloud.com', project_id: 'a'.repeat(32), credentials: { ak_env: 'SG_AK', sk_env: 'SG_SK' } };
      writeFileSync(file, JSON.stringify({ targets: [target], alerts: { webhooks: [{ url: `${other.url}/file`, events: ['task_failed'] }] } }));
      const h = await start({ ALERT_EVENTS: 'stop_failed', DCS_TARGETS_FILE: file, SG_AK: 'ak', SG_SK: 'sk' });
      await h.record({ action: 'stop', task_id: 'a' }, { outcome: 'refused' });
      change(h, 'c', 'MIGRATING', 'FAILED');
      await h.alerts.tick();
      expect(receiver.received.map((r) => (r.json as AlertEvent).event)).toEqual(['stop_failed']);
      expect(other.received.map((r) => [r.path, (r.json as AlertEvent).event])).toEqual([['/file', 'task_failed']]);
    } finally {
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
