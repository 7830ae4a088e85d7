// Free text people send (stop, batch-stop and stop-when-caught-up reasons, the list search, the
// audit user filter) may not hold an invisible or control character: refused with the field's
// error code and the character named by code point, before anything reaches the cloud or the
// audit trail; ordinary text of any script still passes. Log lines never carry U+2028/U+2029 raw.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, startTestStack, type TestStack } from '../testing/stack';

let stack: TestStack;
let running: string;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack.close());
beforeEach(async () => {
  await stack.control('POST', '/reset');
  const tasks = (await stack.app.inject({ url: '/api/migration-tasks?status=INCRMIGEATING&limit=100' })).json().tasks as { task_id: string }[];
  running = tasks[0]!.task_id;
});

async function post(url: string, payload: unknown) {
  const { cookie, token } = await stack.csrf();
  return stack.app.inject({ method: 'POST', url, headers: { cookie, 'x-csrf-token': token, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
}

const CHARACTERS = [
  ['U+2028 (LINE SEPARATOR)', '\u2028'],
  ['U+2029 (PARAGRAPH SEPARATOR)', '\u2029'],
  ['U+200B (ZERO WIDTH SPACE)', '\u200B'],
  ['U+200E (LEFT-TO-RIGHT MARK)', '\u200E'],
  ['U+061C (ARABIC LETTER MARK)', '\u061C'],
  ['U+FEFF (ZERO WIDTH NO-BREAK SPACE)', '\uFEFF'],
  ['U+202E (RIGHT-TO-LEFT OVERRIDE)', '\u202E'],
  ['U+0007 (BELL)', '\u0007'],
] as const;

/** Each way free text comes in: the request, and the error code its refusal carries. */
const FIELDS = [
  ['stop reason', 'INVALID_BODY', (text: string) => post(`/api/migration-tasks/${running}/stop`, { reason: text })],
  ['batch-stop reason', 'INVALID_BODY', (text: string) => post('/api/migration-tasks/batch-stop', { task_ids: [running], reason: text })],
  ['stop-when-caught-up reason', 'INVALID_BODY', (text: string) => post(`/api/migration-tasks/${running}/stop-when-caught-up`, { reason: text })],
  ['list search', 'INVALID_QUERY', (text: string) => stack.app.inject({ url: `/api/migration-tasks?name=${encodeURIComponent(text)}` })],
  ['audit user filter', 'INVALID_QUERY', (text: string) => stack.app.inject({ url: `/api/audit?user=${encodeURIComponent(text)}` })],
] as const;

describe('an invisible or control character in free text', () => {
  describe.each(FIELDS)('%s', (_field, code, send) => {
    it.each(CHARACTERS)('%s is refused with its code point and position; nothing reaches the cloud or the audit trail', async (named, char) => {
      const [upstreamBefore, auditBefore] = [(await stack.upstreamRequests()).total, (await stack.audit.list({ offset: 0, limit: 1 })).count];
      const res = await send(`cut-${char}over`);
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).code).toBe(code);
      expect(errorOf(res).message).toContain(`contains an invisible or control character: ${named} at position 5`);
      expect(res.body).not.toContain(char);
      expect((await stack.upstreamRequests()).total).toBe(upstreamBefore);
      expect((await stack.audit.list({ offset: 0, limit: 1 })).count).toBe(auditBefore);
    });
  });

  it('a line break or tab inside a reason is refused; at its ends it is trimmed away, as before', async () => {
    const inside = await post(`/api/migration-tasks/${running}/stop`, { reason: 'first\tsecond' });
    expect(errorOf(inside).message).toContain('U+0009 (CHARACTER TABULATION) at position 6');
    const ends = await post(`/api/migration-tasks/${running}/stop`, { reason: '\n cut-over done \r\n' });
    expect(ends.statusCode, ends.body).toBe(200);
    expect((await stack.audit.list({ offset: 0, limit: 1 })).records[0]?.reason).toBe('cut-over done');
  });

  it('a refused key is quoted by code point too, and no log line holds the raw characters', async () => {
    const res = await stack.app.inject({ url: `/api/migration-tasks?${encodeURIComponent('a\u2028b')}=1` });
    expect(errorOf(res).message).toBe('Unknown query parameter: aU+2028b.');
    const body = await post(`/api/migration-tasks/${running}/stop`, { 'x\u202Ey': 1 });
    expect(errorOf(body).message).toContain('U+202E');
    expect(body.body).not.toContain('\u202E');
    for (const [, char] of CHARACTERS) expect(stack.logs.join('')).not.toContain(char);
  });
});

describe('ordinary text', () => {
  const REASON = '切换完成 — café, naïve, Ångström 🚀 👩\u200D💻 می\u200Cخواهم';

  it('a reason in any script, with emoji and accents, is stopped with and recorded as given', async () => {
    const res = await post(`/api/migration-tasks/${running}/stop`, { reason: REASON });
    expect(res.statusCode, res.body).toBe(200);
    expect((await stack.audit.list({ offset: 0, limit: 1 })).records[0]).toMatchObject({ task_id: running, reason: REASON, outcome: 'accepted' });
    expect((await stack.upstreamRequests()).routes['POST /migration-task/{id}/stop']).toBe(1);
  });

  it('searches and filters in any script pass, and the search goes to the cloud', async () => {
    const before = (await stack.upstreamRequests()).total;
    expect((await stack.app.inject({ url: `/api/migration-tasks?name=${encodeURIComponent('订单 café')}` })).statusCode).toBe(200);
    expect((await stack.upstreamRequests()).total).toBeGreaterThan(before);
    expect((await stack.app.inject({ url: `/api/audit?user=${encodeURIComponent('José 张伟')}` })).statusCode).toBe(200);
  });
});

describe('log lines', () => {
  it('escape U+2028/U+2029 from the cloud (an error message) and stay one parseable line each', async () => {
    await stack.control('POST', '/faults', { route: 'GET /migration-task/{id}', status: 400, error_code: 'DCS.4000', error_msg: 'bad\u2028line\u2029end', times: 1 });
    const res = await stack.app.inject({ url: `/api/migration-tasks/${running}` });
    expect(res.statusCode).toBe(502);
    const lines = stack.logs.join('').split('\n').filter(Boolean);
    const logged = lines.filter((line) => line.includes('bad\\u2028line\\u2029end'));
    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.parse(logged[0]!).upstream.error_msg).toBe('bad\u2028line\u2029end');
    for (const line of lines) expect(line).not.toMatch(/[\u2028\u2029]/);
  });
});
