// `GET /api/overview` as the console answers it in the demo: region 1 read 12 s ago (its counts are
// the mock db's tasks, an unknown status among them), with failed tasks and a rising lag; region 2
// not answering for 6 minutes (what it shows is from its last good read), a stop taking long and a
// stop-when-caught-up watch waiting. Attention items name real tasks of the mock db, so links open.
import type { AttentionItem, Overview, OverviewTarget } from '../../../api';
import { OVERVIEW_SCAN_INTERVAL_S } from '../../../api/rules';
import { ids } from './data';
import { db } from './db';
import { ids2, TARGET_1, TARGET_2 } from './targets';

const ago = (now: number, seconds: number) => new Date(now - seconds * 1000).toISOString();

function countsOf(targetId: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const task of db.tasks[targetId] ?? []) {
    const status = task.status ?? 'null';
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return counts;
}

function item(targetId: string, taskId: string, fields: Omit<AttentionItem, 'task_id' | 'task_name'>): AttentionItem {
  const task = db.tasks[targetId]?.find((t) => t.task_id === taskId);
  return { task_id: taskId, task_name: task?.task_name ?? null, ...fields };
}

const idOfName = (targetId: string, name: string) => db.tasks[targetId]!.find((t) => t.task_name === name)!.task_id;

/** The demo overview at `now`, built from the mock db as it is (targets, labels, tasks). */
export function buildOverview(now = Date.now()): Overview {
  const label = (id: string) => db.targets.find((t) => t.id === id) ?? { label: id, region: '' };
  const region1: OverviewTarget = {
    target: TARGET_1,
    label: label(TARGET_1).label,
    region: label(TARGET_1).region,
    reachable: true,
    error: null,
    read_at: ago(now, 12),
    total: db.tasks[TARGET_1]?.length ?? 0,
    counts: countsOf(TARGET_1),
    attention: [
      item(TARGET_1, idOfName(TARGET_1, 'mig-batch-21'), { kind: 'failed', status: 'FAILED', since: ago(now, 3 * 3600) }),
      item(TARGET_1, idOfName(TARGET_1, 'mig-batch-24'), { kind: 'failed', status: 'FAILED', since: ago(now, 40 * 60) }),
      item(TARGET_1, ids.incremental, { kind: 'lag_rising', status: 'INCRMIGEATING', since: ago(now, 20), offsets: [1200, 4800, 19000] }),
    ],
    truncated: false,
  };
  const region2: OverviewTarget = {
    target: TARGET_2,
    label: label(TARGET_2).label,
    region: label(TARGET_2).region,
    reachable: false,
    error: {
      code: 'UPSTREAM_TIMEOUT',
      message: 'Huawei Cloud did not answer within 10 s.',
      request_id: 'req-overview-scan-7f3a',
    },
    read_at: ago(now, 6 * 60),
    total: 4,
    counts: { INCRMIGEATING: 1, MIGRATING: 1, SUCCESS: 1, TERMINATING: 1 },
    attention: [
      item(TARGET_2, ids2.shared, { kind: 'stopping_long', status: 'TERMINATING', since: ago(now, 18 * 60) }),
      item(TARGET_2, ids2.inventory, { kind: 'watch_waiting', status: 'INCRMIGEATING', since: ago(now, 25 * 60) }),
    ],
    truncated: false,
  };
  return {
    generated_at: new Date(now).toISOString(),
    scan_interval_s: OVERVIEW_SCAN_INTERVAL_S,
    targets: [region1, region2].filter((t) => db.targets.some((configured) => configured.id === t.target)),
  };
}
