// `npm run store:copy -- --from ./data --to "$DATABASE_URL"`: see copy-store.ts. Prints what it
// copied, one line per store; exits 1 with one line when it cannot (the database password is never
// printed).
import { describePostgres } from '../store/database';
import { copyDataDirToPostgres, type CopiedCounts } from './copy-store';

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

const counted = ({ read, added, alreadyThere }: CopiedCounts, what = '') => `${read}${what} read, ${added} added, ${alreadyThere} already there`;

const from = argument('from') ?? process.env.DATA_DIR ?? './data';
const to = argument('to') ?? process.env.DATABASE_URL;
if (!to) {
  console.error('usage: npm run store:copy -- --from <DATA_DIR> --to <postgres://…> (or set DATABASE_URL)');
  process.exit(2);
}
try {
  const { audit, watches, history, statuses } = await copyDataDirToPostgres(from, to);
  const lines = [
    `store:copy ${from} → ${describePostgres(to)}`,
    `  audit records: ${typeof audit === 'string' ? `${audit} in that folder` : counted(audit)}`,
    `  caught-up watches: ${
      typeof watches === 'string'
        ? `${watches} in that folder`
        : `${counted(watches)}, ${watches.skipped} skipped (an active watch whose task already has another active watch there)`
    }`,
    `  progress history: ${typeof history === 'string' ? `${history} in that folder` : `${counted(history.tasks, ' tasks')}; ${counted(history.samples, ' samples')}`}`,
    `  task statuses: ${typeof statuses === 'string' ? `${statuses} in that folder` : counted(statuses)}`,
    '  sessions: not copied (users sign in again)',
  ];
  console.log(lines.join('\n'));
} catch (error) {
  console.error(`store:copy failed: ${(error as Error).message}`);
  process.exit(1);
}
