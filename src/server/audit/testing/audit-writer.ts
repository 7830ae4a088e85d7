// Child process of the durability test: writes finished audit records one by one, printing
// "ok <id>" after each commit, until it is killed.
import { openSqliteAuditStore } from '../sqlite-store';

const [dataDir] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: audit-writer <data dir>');
const store = openSqliteAuditStore(dataDir);
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const [pending] = await store.begin([
    { user: 'writer', target: 'east', task_id: `task-${i}`, task_name: null, status_before: 'INCRMIGEATING', reason: null, action: 'stop', batch_id: null, request_id: `req-${i}` },
  ]);
  await store.finish([{ id: pending!.id, outcome: 'accepted', status_after: 'TERMINATING', error_code: null, upstream_error_code: null, upstream_request_id: `up-${i}` }]);
  process.stdout.write(`ok ${pending!.id}\n`);
}
