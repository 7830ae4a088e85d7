// The cloud's free text (error_msg) may quote secrets: they never reach the browser, the audit
// trail or a log line. Driven through the console against the simulator with injected faults.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, startTestStack, type TestStack } from '../testing/stack';

const LEAKY = 'Internal error. ak=HPUAEXAMPLEAK0000001 password=Tgt-secret Authorization: Bearer eyJhbGciOi.abc';
const SECRETS = ['HPUAEXAMPLEAK0000001', 'Tgt-secret', 'eyJhbGciOi.abc'];

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ dcs: { retry: { attempts: 1 } } });
});
afterAll(() => stack.close());
beforeEach(() => stack.control('POST', '/reset'));

async function stoppableTask(): Promise<string> {
  const res = await stack.app.inject({ url: '/api/migration-tasks?status=INCRMIGEATING' });
  return (res.json().tasks as { task_id: string }[])[0]!.task_id;
}

function expectNoSecret(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe("the cloud's error message", () => {
  it('a stop refused with secrets in error_msg: the body, the audit record and the log lines are scrubbed', async () => {
    const taskId = await stoppableTask();
    await stack.control('POST', '/faults', { route: 'POST /migration-task/{id}/stop', status: 500, error_code: 'DCS.5000', error_msg: LEAKY, times: 1 });
    const { cookie, token } = await stack.csrf();
    const res = await stack.app.inject({ method: 'POST', url: `/api/migration-tasks/${taskId}/stop`, headers: { cookie, 'x-csrf-token': token } });
    expect(res.statusCode).toBe(502);
    expect(errorOf(res).upstream).toMatchObject({
      error_code: 'DCS.5000',
      error_msg: 'Internal error. ak=[redacted] password=[redacted] Authorization: [redacted]',
    });
    expectNoSecret(res.body);
    const audit = await stack.audit.list({ task_id: taskId, offset: 0, limit: 10 });
    expect(audit.records.length).toBeGreaterThan(0);
    expectNoSecret(JSON.stringify(audit.records));
    const logs = stack.logs.join('');
    expect(logs).toContain('ak=[redacted]'); // the message is logged, scrubbed
    expectNoSecret(logs);
  });

  it("a read's error and the console's own AK/SK in any text are scrubbed", async () => {
    const ak = stack.simulator.ak;
    const sk = stack.simulator.sk;
    await stack.control('POST', '/faults', { status: 500, error_code: 'DCS.5000', error_msg: `signing with ${ak} and ${sk} failed`, times: 1 });
    const res = await stack.app.inject({ url: '/api/migration-tasks' });
    expect(errorOf(res).upstream?.error_msg).toBe('signing with [redacted] and [redacted] failed');
    expect(res.body + stack.logs.join('')).not.toContain(sk);
  });

  it('an ordinary message is forwarded unchanged', async () => {
    const msg = 'Internal service error, please retry later (task status: MIGRATING, keys=1200).';
    await stack.control('POST', '/faults', { status: 500, error_code: 'DCS.5000', error_msg: msg, times: 1 });
    const res = await stack.app.inject({ url: '/api/migration-tasks' });
    expect(errorOf(res).upstream?.error_msg).toBe(msg);
  });
});
