// `npm run store:copy -- --from ./data --to "$DATABASE_URL"`: see copy-store.ts. Prints what it
// copied; exits 1 with one line when it cannot (the database password is never printed).
import { describePostgres } from '../store/database';
import { copyDataDirToPostgres } from './copy-store';

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

const from = argument('from') ?? process.env.DATA_DIR ?? './data';
const to = argument('to') ?? process.env.DATABASE_URL;
if (!to) {
  console.error('usage: npm run store:copy -- --from <DATA_DIR> --to <postgres://…> (or set DATABASE_URL)');
  process.exit(2);
}
try {
  const report = await copyDataDirToPostgres(from, to);
  const audit = report.audit === 'no audit.db' ? 'no audit.db in that folder' : `${report.audit.read} read, ${report.audit.added} added, ${report.audit.alreadyThere} already there`;
  console.log(`store:copy ${from} → ${describePostgres(to)}\n  audit records: ${audit}`);
} catch (error) {
  console.error(`store:copy failed: ${(error as Error).message}`);
  process.exit(1);
}
