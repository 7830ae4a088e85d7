import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact';

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
