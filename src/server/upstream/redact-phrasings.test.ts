// How Redis and the DCS console word a password, one row each, through the whole console: the
// simulator fails a stop with that error_msg, and the password must be in none of what an operator
// or an auditor reads: the API answer, the log lines, the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestStack, type TestStack } from '../testing/stack';

/** [password, the cloud's error_msg with {pw} where the password goes, what the operator reads]. */
const LEAKY: [string, string, string][] = [
  ['Rq7#mZ2pK9', 'auth failed: requirepass {pw}', 'auth failed: requirepass [redacted]'],
  ['Ma5ter$Auth88', 'sync with master failed: masterauth {pw} rejected', 'sync with master failed: masterauth [redacted]'],
  ['Uri:P4ss/w0rd', 'connect to redis://:{pw}@10.0.0.8:6379/0 failed', 'connect to redis://:[redacted]@10.0.0.8:6379/0 failed'],
  ['TlsPw_2024x', 'rediss://default:{pw}@redis.example.com:6380 refused the connection', 'rediss://default:[redacted]@redis.example.com:6380 refused the connection'],
  ['N0Colon9Pw', 'redis://{pw}@10.1.1.1:6379', 'redis://[redacted]@10.1.1.1:6379'],
  ['SSH9user@x', 'tunnel ssh://root:{pw}@bastion:22 closed', 'tunnel ssh://root:[redacted]@bastion:22 closed'],
  ['Bare7Info!', 'connect default:{pw}@10.0.0.9:6379 failed', 'connect default:[redacted]@10.0.0.9:6379 failed'],
  ['Zh9kLm3Qw', '源实例密码：{pw}，连接失败', '源实例密码：[redacted]，连接失败'],
  ['Kou7Ling#5', '目标实例口令={pw}', '目标实例口令=[redacted]'],
  ['AkSk9x8y7Z', '访问密钥：{pw}', '访问密钥：[redacted]'],
  ['Wei5Kong+8', '密码为{pw}的实例无法连接', '密码为[redacted]的实例无法连接'],
  ['Cuo8Wu@pw', 'Redis 密码错误：{pw}', 'Redis 密码错误：[redacted]'],
  ['Kl6Jy9Xiao', '口令 {pw} 校验失败', '口令 [redacted] 校验失败'],
  ['Quan9Jiao!', '凭证：“{pw}”', '凭证：“[redacted]”'],
  ['FwColon8Pw', '密码：{pw}（源实例）', '密码：[redacted]（源实例）'],
  ['FullW1dth=Eq', '密钥＝{pw}', '密钥＝[redacted]'],
  ['Dcs4080-Zh', 'DCS.4080：实例密码校验失败，密码：{pw}', 'DCS.4080：实例密码校验失败，密码：[redacted]'],
  ['Nopw4Auth!x', 'ERR AUTH {pw} called without any password configured for the default user. Are you sure your configuration is correct?', 'ERR AUTH [redacted] password configured for the default user. Are you sure your configuration is correct?'],
  ['Wr0ngPass%1', 'WRONGPASS invalid username-password pair or user is disabled. (AUTH default {pw})', 'WRONGPASS invalid username-password pair or user is disabled. (AUTH [redacted])'],
  ['Weak5Pass!', 'ERR AUTH failed: WRONGPASS invalid username-password pair, pass={pw}', 'ERR AUTH failed: WRONGPASS invalid username-password pair, pass=[redacted]'],
  ['N0auth^Sent', 'NOAUTH Authentication required. Sent: AUTH {pw}', 'NOAUTH Authentication required. Sent: AUTH [redacted]'],
  ['Hello3#Pw', 'HELLO 3 AUTH default {pw}: NOPROTO', 'HELLO 3 AUTH [redacted]'],
  ['Inv4lid*Pw', '-ERR invalid password {pw}', '-ERR invalid password [redacted]'],
  ['Cfg5et=Req', 'config set requirepass {pw}', 'config set requirepass [redacted]'],
  ['Mig4Auth2#', 'MIGRATE 10.0.0.2 6379 "" 0 5000 KEYS a b AUTH2 default {pw}', 'MIGRATE 10.0.0.2 6379 "" 0 5000 KEYS a b AUTH2 [redacted]'],
  ['Paren8Rp:x', 'Source Redis AUTH failed (requirepass={pw})', 'Source Redis AUTH failed (requirepass=[redacted])'],
  ['Dcs4080.Pw', 'DCS.4080: Instance password verification failed, password={pw}', 'DCS.4080: Instance password verification failed, password=[redacted]'],
  ['Is7Pw~Val', 'DCS.4842 Job execution failed: source redis password is {pw}', 'DCS.4842 Job execution failed: source redis password is [redacted]'],
  ['Dcs4117.Src', 'DCS.4117 migration failed: auth source redis with password "{pw}" failed', 'DCS.4117 migration failed: auth source redis with password "[redacted]" failed'],
  ['Qu0te(d)Pw', "The password '{pw}' is incorrect.", "The password '[redacted]' is incorrect."],
  ['Json8Pw.x', 'password: "{pw}"', 'password: "[redacted]"'],
  ['Punct,Pw:9x', 'password: {pw}', 'password: [redacted]'],
  ['Pw1sNow#42', 'Password is {pw}.', 'Password is [redacted].'],
  ['SetTo9$Pw', 'instance password set to {pw} by the console', 'instance password set to [redacted]'],
  ['Cmplx9?pw', 'Password {pw} does not meet the complexity requirements.', 'Password [redacted].'],
  ['Spaced pw 77!', 'masterauth {pw} was rejected by the master', 'masterauth [redacted]'],
  ['Pwd2Rej!ct', 'authentication failed, passwd {pw} rejected', 'authentication failed, passwd [redacted]'],
  ['Semi9col.Pw', 'pwd={pw};user=admin', 'pwd=[redacted];user=admin'],
  ['S3cr3t_Val', 'secret: {pw}', 'secret: [redacted]'],
  ['Cred7ent$x', 'credential {pw} has expired', 'credential [redacted]'],
  ['T0ken.Abc.Def', 'X-Auth-Token {pw} is invalid', 'X-Auth-Token [redacted]'],
  ['AuthUs3r#9', 'auth app-user {pw}', 'auth [redacted]'],
  ['JsonKey6$z', '{"error":"auth","redis_password":"{pw}"}', '{"error":"auth","redis_password":"[redacted]"}'],
  ['Camel7Pw!', 'bad config {"redisPassword":"{pw}"}', 'bad config {"redisPassword":"[redacted]"}'],
  ['Conn5tr.Pw', 'Connection string: host=10.0.0.1 port=6379 password={pw} db=0', 'Connection string: host=10.0.0.1 port=6379 password=[redacted] db=0'],
  ['Sk9Value_Z', 'signature check failed: sk={pw}', 'signature check failed: sk=[redacted]'],
  ['Tok3n=Bear', 'Authorization: Bearer {pw}', 'Authorization: [redacted]'],
];

/** Messages that name a password but hold none: the operator reads them as the cloud wrote them. */
const PLAIN = [
  'The migration task does not exist.',
  'Invalid password.',
  'password is wrong',
  'DCS.4080: Instance password verification failed.',
  'WRONGPASS invalid username-password pair or user is disabled.',
  'NOAUTH Authentication required.',
  'ERR Client sent AUTH, but no password is set',
  'Task passport-02 bypasses the compass check.',
  '密码错误，请重试',
];

let stack: TestStack;
let taskId: string;
beforeAll(async () => {
  stack = await startTestStack({ dcs: { retry: { attempts: 1 } } });
  const res = await stack.app.inject({ url: '/api/migration-tasks?status=INCRMIGEATING&limit=1' });
  taskId = (res.json().tasks as { task_id: string }[])[0]!.task_id;
});
afterAll(() => stack.close());

/** A stop the cloud fails with `errorMsg`: what the API answered, the log lines it wrote, its audit record. */
async function failedStop(errorMsg: string) {
  // One fault per stop: the task is never stopped, so every row reuses it.
  await stack.control('POST', '/faults', { route: 'POST /migration-task/{id}/stop', status: 500, error_code: 'DCS.5000', error_msg: errorMsg, times: 1 });
  const { cookie, token } = await stack.csrf();
  const logsBefore = stack.logs.length;
  const res = await stack.app.inject({ method: 'POST', url: `/api/migration-tasks/${taskId}/stop`, headers: { cookie, 'x-csrf-token': token } });
  expect(res.statusCode).toBe(502);
  const logs = stack.logs.slice(logsBefore).join('');
  const requestId = errorOf(res).request_id;
  const audit = await stack.app.inject({ url: `/api/audit?task_id=${taskId}&limit=100` });
  const records = (audit.json().records as { request_id: string }[]).filter((r) => r.request_id === requestId);
  expect(records).toHaveLength(1);
  const logged = logs
    .split('\n')
    .filter((line) => line.includes('"upstream"'))
    .map((line) => (JSON.parse(line) as { upstream: { error_msg: string } }).upstream.error_msg);
  return { body: res.body, shown: errorOf(res).upstream?.error_msg, logs, logged, audit: JSON.stringify(records) };
}

describe('a password in the cloud’s error message', () => {
  it.each(LEAKY)('%s: %s', async (password, template, expected) => {
    const seen = await failedStop(template.replace('{pw}', password));
    expect(seen.shown).toBe(expected);
    expect(seen.logged).toEqual([expected]);
    for (const where of [seen.body, seen.logs, seen.audit]) expect(where).not.toContain(password);
  });

  it.each(PLAIN)('no password, unchanged: %s', async (message) => {
    const seen = await failedStop(message);
    expect(seen.shown).toBe(message);
    expect(seen.logged).toEqual([message]);
  });
});
