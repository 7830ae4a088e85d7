// The console's data files are its user's alone: through each of the three stores, a new DATA_DIR is
// 0700 and audit.db, caught-up.db, history.db and their -wal / -shm files are 0600, whatever the
// umask; files an earlier version left readable are made private when opened again.
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteAuditStore } from '../audit/sqlite-store';
import { openSqliteWatchStore } from '../caught-up/watch-store';
import { openHistoryStore } from '../history/history-store';

const silentLog = { warn() {}, info() {}, error() {}, debug() {}, trace() {}, fatal() {}, child: () => silentLog, level: 'silent' } as never;
const mode = (path: string) => statSync(path).mode & 0o777;

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dcs-private-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Opens, writes to and closes every store in `dataDir`; returns the files there. */
async function useEveryStore(dataDir: string): Promise<string[]> {
  const audit = openSqliteAuditStore(dataDir);
  await audit.begin([{ user: 'u', target: 't', task_id: 'task', task_name: null, status_before: null, reason: null, action: 'stop', batch_id: null, request_id: 'r' }]);
  const watches = openSqliteWatchStore(dataDir);
  await watches.ready();
  const history = openHistoryStore(dataDir, { now: () => 0, maxTasks: 10, log: silentLog, flushIntervalMs: 0 });
  expect(history).not.toBeNull();
  // All three are open: their WAL files exist now.
  const files = readdirSync(dataDir);
  await audit.close();
  await watches.close();
  history!.close();
  return files;
}

describe('data files', () => {
  it.each([
    ['022', 0o022],
    ['000', 0o000],
  ])('with umask %s: DATA_DIR 0700, every database file and its -wal / -shm 0600', async (_label, umask) => {
    const previous = process.umask(umask);
    try {
      const dataDir = join(root, 'var', 'data');
      const files = await useEveryStore(dataDir);
      expect(files).toEqual(expect.arrayContaining(['audit.db', 'audit.db-wal', 'audit.db-shm', 'caught-up.db', 'caught-up.db-wal', 'history.db', 'history.db-wal']));
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(join(root, 'var'))).toBe(0o700); // created on the way
      for (const file of readdirSync(dataDir)) expect(mode(join(dataDir, file)), file).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('files an earlier version left readable (0644) are 0600 once opened again; an existing DATA_DIR keeps its mode', async () => {
    const dataDir = join(root, 'data');
    await useEveryStore(dataDir);
    chmodSync(dataDir, 0o750);
    for (const file of readdirSync(dataDir)) chmodSync(join(dataDir, file), 0o644);
    await useEveryStore(dataDir);
    for (const file of readdirSync(dataDir)) expect(mode(join(dataDir, file)), file).toBe(0o600);
    expect(mode(dataDir)).toBe(0o750); // possibly shared: not the console's to change
  });
});
