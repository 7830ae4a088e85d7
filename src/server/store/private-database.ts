// The console's SQLite files (audit.db, history.db, caught-up.db) hold who stopped what and why:
// readable by the console's own user only, whatever the process umask. A DATA_DIR the console
// creates is 0700 (one that exists is left as it is: it may be shared), and each database file is
// 0600 before SQLite opens it; SQLite creates the -wal, -shm and -journal files with the mode of
// their database file, and those left by an earlier run are set to 0600 too.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';

const DIR_MODE = 0o700;
const FILE_MODE = 0o600;
const COMPANIONS = ['-wal', '-shm', '-journal'];

/** Opens `file` (creating it and its folder if needed) readable by this user only; `':memory:'` as is. */
export function openPrivateDatabase(file: string): Database.Database {
  if (file === ':memory:') return new Database(file);
  const path = resolve(file);
  const dir = dirname(path);
  // mkdir's mode is cut by the umask: chmod what was created (the first new folder and those under it).
  const created = mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  if (created !== undefined) {
    for (let folder = dir; folder.startsWith(created); folder = dirname(folder)) chmodSync(folder, DIR_MODE);
  }
  // Created empty with 0600 (an empty file is a valid new database), then chmod: umask only removes bits.
  closeSync(openSync(path, 'a', FILE_MODE));
  restrict(path);
  for (const suffix of COMPANIONS) if (existsSync(path + suffix)) restrict(path + suffix);
  return new Database(path);
}

/** 0600; a file another user owns (left on a shared volume) keeps the mode its owner gave it. */
function restrict(file: string): void {
  try {
    chmodSync(file, FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') throw error;
  }
}
