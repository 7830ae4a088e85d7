import { describe, expect, it } from 'vitest';
import { redactSecrets, scrubUpstreamJson, textScrubber } from './redact';

describe('redactSecrets', () => {
  it('removes the plaintext passwords of both instances and says whether one was set', () => {
    const task = {
      task_id: 't1',
      source_instance: { addrs: '10.0.0.1:6379', password: 'S0urce!pass' },
      target_instance: { id: 'x', password: '' },
    };
    const out = redactSecrets(task);
    expect(out).toEqual({
      task_id: 't1',
      source_instance: { addrs: '10.0.0.1:6379', password_set: true },
      target_instance: { id: 'x', password_set: false },
    });
    expect(JSON.stringify(out)).not.toContain('S0urce!pass');
  });

  it('finds secrets nested anywhere: arrays, unknown objects, odd spellings', () => {
    const value = {
      migration_tasks: [{ extra: { deeper: [{ redis_password: 'p1', Password: 'p2', passwd: 'p3', pwd: 'p4' }] } }],
      new_cloud_field: { auth_token: 'tok', access_secret: 'sec', sk: 'sk-value' },
    };
    const json = JSON.stringify(redactSecrets(value));
    for (const secret of ['p1', 'p2', 'p3', 'p4', 'tok', 'sec', 'sk-value']) expect(json).not.toContain(`"${secret}"`);
    expect(json).toContain('"deeper"');
  });

  it('leaves the input untouched and keeps ordinary fields', () => {
    const input = { source_instance: { password: 'x', name: 'redis-a' }, status: 'MIGRATING', count: 3, flags: [true, null] };
    const out = redactSecrets(input);
    expect(input.source_instance.password).toBe('x');
    expect(out).toEqual({ source_instance: { password_set: true, name: 'redis-a' }, status: 'MIGRATING', count: 3, flags: [true, null] });
  });
});

describe('textScrubber', () => {
  const scrub = textScrubber(['HPUAEXAMPLEAK0000001', 'ExampleSecretKey0000', 't']);

  it.each([
    ['Internal error. ak=AK1 password=Tgt-secret', 'Internal error. ak=[redacted] password=[redacted]'],
    ['PASSWORD: hunter2, user=a', 'PASSWORD: [redacted], user=a'],
    ['{"redis_password":"p\\"1","name":"x"}', '{"redis_password":"[redacted]","name":"x"}'],
    ["{'secret_key': 'abc', 'pwd':'d'}", "{'secret_key': '[redacted]', 'pwd':'[redacted]'}"],
    ['access_key=A; secret-key=B & token=C&x=1', 'access_key=[redacted]; secret-key=[redacted] & token=[redacted]&x=1'],
    ['passwd=a sk=b credential=c Credentials: d auth_token=e x-security-token=f', 'passwd=[redacted] sk=[redacted] credential=[redacted] Credentials: [redacted] auth_token=[redacted] x-security-token=[redacted]'],
    ['Authorization: SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=ab12\nnext', 'Authorization: [redacted]\nnext'],
    ['header Bearer eyJ.abc-def was refused', 'header Bearer [redacted] was refused'],
    ['key HPUAEXAMPLEAK0000001 and ExampleSecretKey0000 seen', 'key [redacted] and [redacted] seen'],
  ])('%s', (input, expected) => {
    expect(scrub(input)).toBe(expected);
  });

  it('leaves ordinary messages alone (no key=value of a secret, short configured values ignored)', () => {
    for (const text of [
      'The task state does not allow this operation.',
      'task=abc disk=10 risk: low, tokens: 5, password verification failed',
      'failed to download backup file from OBS: AccessDenied',
    ]) {
      expect(scrub(text)).toBe(text);
    }
  });
});

describe('textScrubber: passwords as Redis and the DCS console word them', () => {
  const scrub = textScrubber();

  it.each([
    // The value runs to the end of the clause, so the words after a password go with it.
    ['masterauth Spaced pw 77! was rejected', 'masterauth [redacted]'],
    ['the password for user "admin" is Xy12!', 'the password [redacted]'],
    ['my password: correct horse battery staple', 'my password: [redacted]'],
    ['password=Tgt-secret, retry', 'password=[redacted], retry'],
    // A key word inside a password is part of it, not the start of a new pair.
    ['requirepass Tgt-secret was rejected', 'requirepass [redacted]'],
    ['AUTH Xq-token failed', 'AUTH [redacted]'],
    // A new pair or clause ends the value; the next key word is scrubbed on its own.
    ['auth failed: requirepass x1, retrying', 'auth failed: requirepass [redacted], retrying'],
    ['user=a password=b1 db=0', 'user=a password=[redacted] db=0'],
    ['密码错误：abc123，请重试', '密码错误：[redacted]，请重试'],
    ['密码为 abc123 的实例', '密码为 [redacted] 的实例'],
    ['source_instance.password: p1', 'source_instance.password: [redacted]'],
    ['api-key=Z9 apikey: q8 client_secret: c7 security_token=s6', 'api-key=[redacted] apikey: [redacted] client_secret: [redacted] security_token=[redacted]'],
    // Anything but plain words after a password word is hidden, even when it is not a secret.
    ['Check the password of instance dcs-abc123.', 'Check the password [redacted].'],
    ['auth 10.0.0.5:6379 failed', 'auth [redacted]'],
  ])('%s', (input, expected) => {
    expect(scrub(input)).toBe(expected);
    expect(scrub(expected)).toBe(expected); // scrubbing twice changes nothing
  });

  it('leaves messages with no value alone: plain words after the key word, or a key word inside a word', () => {
    for (const text of [
      'Invalid password.',
      'password is wrong',
      'password',
      'password:',
      'Source Redis password verification failed (DCS.4080)',
      'The password must be 8 to 64 characters long.',
      "The password can't be empty, please retry.",
      'WRONGPASS invalid username-password pair or user is disabled.',
      'NOAUTH Authentication required.',
      'ERR Client sent AUTH, but no password is set',
      'OAuth token expired',
      'the auth failed',
      'you shall not pass',
      "password's length is 12",
      'password-protected instance, password_set=true',
      'Task passport-02 bypasses the compass check.',
      '密码错误，请重试',
      '请输入密码',
      '令牌已过期',
      'e-mail admin@example.com',
    ]) {
      expect(scrub(text)).toBe(text);
    }
  });

  it('scrubs a long message full of key words in linear time', () => {
    const plain = 'password is wrong, '.repeat(10_000);
    expect(scrub(plain)).toBe(plain);
    expect(scrub('password=abc '.repeat(10_000))).toBe('password=[redacted] '.repeat(10_000));
    expect(scrub('密码'.repeat(50_000))).toBe('密码'.repeat(50_000));
    expect(scrub('密码为x1'.repeat(20_000))).toBe('密码为[redacted]'.repeat(20_000));
  });
});

describe('scrubUpstreamJson', () => {
  it('scrubs the free-text fields only, unless the answer holds a known secret', () => {
    const scrub = textScrubber(['ExampleSecretKey0000']);
    const answer = {
      migration_tasks: [{ task_id: 't', error_msg: 'token=abc', description: 'rotate password=x', error_message: 'pwd=1' }],
      migration_logs: [{ message: 'secret: s' }],
    };
    scrubUpstreamJson(answer, scrub);
    expect(answer).toEqual({
      migration_tasks: [{ task_id: 't', error_msg: 'token=[redacted]', description: 'rotate password=x', error_message: 'pwd=[redacted]' }],
      migration_logs: [{ message: 'secret: [redacted]' }],
    });
    const leaked = { description: 'uses ExampleSecretKey0000', nested: [{ name: 'ExampleSecretKey0000' }] };
    scrubUpstreamJson(leaked, scrub, true);
    expect(JSON.stringify(leaked)).not.toContain('ExampleSecretKey0000');
  });
});
