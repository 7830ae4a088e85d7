import { KNOWN_STATUSES } from '../../../../api';
import { readListFilters, toListParams, writeListFilters } from './list-search-params';
import { statusColor, statusLabel } from '../../../lib/status-display';
import { migrationMethodLabel, migrationTypeLabel, shortId, taskEndpoints } from './task-display';
import { redactedJson, unknownFields } from './unknown-fields';

describe('status display', () => {
  it('has a plain-language label for every known status', () => {
    for (const status of KNOWN_STATUSES) expect(statusLabel(status)).not.toBe('Unknown status');
    expect(statusLabel('INCRMIGEATING')).toBe('Incremental sync');
  });

  it('shows unknown and missing statuses as unknown, in grey', () => {
    expect(statusLabel('PAUSED_BY_OPS')).toBe('Unknown status');
    expect(statusLabel(null)).toBe('Unknown status');
    expect(statusColor('PAUSED_BY_OPS')).toBe('gray');
    expect(statusColor('FAILED')).toBe('red');
  });
});

describe('task display', () => {
  it('names known types and methods, and keeps unknown ones raw', () => {
    expect(migrationTypeLabel('backupfile_import')).toBe('Backup import');
    expect(migrationMethodLabel('full_amount_migration')).toBe('Full');
    expect(migrationMethodLabel('hybrid_migration')).toBe('hybrid_migration');
    expect(migrationTypeLabel(undefined)).toBeNull();
  });

  it('prefers instance names, then addresses', () => {
    expect(taskEndpoints({ task_id: 'a', source_instance_name: 'src', data_source: '1.2.3.4:6379', target_instance_addrs: '5.6.7.8:6379' })).toEqual({
      source: 'src',
      target: '5.6.7.8:6379',
    });
    expect(taskEndpoints({ task_id: 'a' })).toEqual({ source: '—', target: '—' });
  });

  it('shortens ids to 8 characters', () => {
    expect(shortId('8f2c1a3e-5b7d-4e9f')).toBe('8f2c1a3e…');
    expect(shortId('abc')).toBe('abc');
  });
});

describe('list search params', () => {
  it('round-trips filters and ignores junk', () => {
    const filters = readListFilters(new URLSearchParams('name=orders&status=TERMINATED,bad value,FAILED&page=3&size=50'));
    expect(filters).toEqual({ name: 'orders', status: ['TERMINATED', 'FAILED'], page: 3, size: 50, sort: '' });
    expect(toListParams(filters)).toEqual({ offset: 100, limit: 50, name: 'orders', status: ['TERMINATED', 'FAILED'] });
    expect(writeListFilters(filters).toString()).toBe('name=orders&status=TERMINATED%2CFAILED&page=3&size=50');
    expect(readListFilters(new URLSearchParams('page=-2&size=7'))).toMatchObject({ page: 1, size: 10 });
  });
});

describe('unknown fields', () => {
  it('lists fields the UI does not know, minus anything that looks secret', () => {
    const fields = unknownFields(
      { task_id: 'a', status: 'SUCCESS', new_field: 1, password: 'x', access_token: 'y', password_set: true },
      new Set(['task_id', 'status', 'password_set']),
    );
    expect(fields).toEqual([['new_field', 1]]);
  });

  it('removes secret-looking keys at any depth', () => {
    const json = redactedJson({ a: { password: 'p', b: [{ sk: 's', ok: 1 }] } });
    expect(json).not.toContain('"p"');
    expect(json).not.toContain('"s"');
    expect(json).toContain('"ok": 1');
  });
});
