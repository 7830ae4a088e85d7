import { auditQuery } from '../api/get-audit-records';
import { auditFilterProblems, readAuditFilters, toAuditParams, writeAuditFilters } from './audit-search-params';

const read = (search: string) => readAuditFilters(new URLSearchParams(search));

describe('activity filters in the URL', () => {
  it('round-trips, leaving defaults out', () => {
    const search = 'task_id=abc-1&task_name=Orders+50%25_off&user=alice.ops&target=sim-region-2&since=2025-11-20T08%3A00%3A00.000Z&page=3&size=50';
    expect(writeAuditFilters(read(search)).toString()).toBe(search);
    expect(writeAuditFilters(read('')).toString()).toBe('');
  });

  it('drops what it cannot read, and a preset wins over fixed instants', () => {
    expect(read('since=yesterday&size=7&page=-2&range=2y')).toMatchObject({ since: '', size: 20, page: 1, range: '' });
    expect(read('range=24h&since=2025-11-20T08:00:00Z')).toMatchObject({ range: '24h', since: '' });
    expect(read('since=2025-11-20T10:00:00%2B02:00').since).toBe('2025-11-20T08:00:00.000Z');
  });

  it('maps to offset/limit and the API names', () => {
    expect(toAuditParams(read('task_id=abc&task_name=%20Ord%20&user=u&page=2&size=10'))).toEqual({
      offset: 10,
      limit: 10,
      task_id: 'abc',
      task_name: 'Ord',
      user: 'u',
      target: undefined,
      range: undefined,
      since: undefined,
      until: undefined,
    });
  });

  it('sends the task name as given in the URL (trimmed, cut at its maximum), and leaves it out when empty', () => {
    expect(auditQuery(toAuditParams(read(`task_name=${'n'.repeat(200)}`))).task_name).toBe('n'.repeat(128));
    expect(auditQuery(toAuditParams(read('task_name=%20%20'))).task_name).toBeUndefined();
  });

  it('turns a preset into since = now − range when the request is sent', () => {
    const now = Date.parse('2025-11-20T08:00:00Z');
    expect(auditQuery({ offset: 0, limit: 20, range: '24h' }, now)).toMatchObject({ since: '2025-11-19T08:00:00.000Z', until: undefined });
    expect(auditQuery({ offset: 0, limit: 20, range: '1h', until: '2025-01-01T00:00:00.000Z' }, now)).toMatchObject({
      since: '2025-11-20T07:00:00.000Z',
      until: undefined,
    });
  });

  it('flags an invalid task id and an until not after since', () => {
    expect(auditFilterProblems(read('task_id=not%20an%20id')).taskId).toMatch(/Not a valid task id/);
    expect(auditFilterProblems(read('since=2025-11-20T08:00:00Z&until=2025-11-20T08:00:00Z')).until).toBeDefined();
    expect(auditFilterProblems(read('since=2025-11-20T08:00:00Z&until=2025-11-20T09:00:00Z'))).toEqual({});
    expect(auditFilterProblems(read('task_name=a%E2%80%8Bb&user=x%07'))).toEqual({
      taskName: 'Remove the invisible or control character U+200B at position 2.',
      user: 'Remove the invisible or control character U+0007 at position 2.',
    });
    expect(auditFilterProblems(read('task_name=%E4%BB%BB%E5%8A%A1%E2%80%8D&user=50%25_off'))).toEqual({});
  });
});
