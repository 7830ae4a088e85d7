// `GET /api/migration-tasks/:id/history`: the progress samples the console keeps. Tests set a
// task's history with `setHistory`; a task without one answers with no samples.
import { http, HttpResponse } from 'msw';
import type { FullSyncEstimate, ProgressHistory, ProgressSample } from '../../../../api';
import { HISTORY_BACKGROUND_INTERVAL_S, HISTORY_MIN_SPACING_S, HISTORY_RETENTION_S } from '../../../../api/rules';
import { db } from '../db';
import { apiError } from './errors';

type Histories = Map<string, Partial<ProgressHistory> & { samples: ProgressSample[] }>;
// Keyed by the mock db, so every test (which gets a fresh db) starts without histories.
const perDb = new WeakMap<object, Histories>();

function histories(): Histories {
  let map = perDb.get(db);
  if (!map) perDb.set(db, (map = new Map()));
  return map;
}

export const noEstimate: FullSyncEstimate = {
  progress: null,
  percent_per_min: null,
  keys_per_s: null,
  eta_seconds: null,
  eta_unknown_reason: 'not_enough_samples',
  measured_from: null,
  measured_to: null,
};

export function setHistory(taskId: string, history: { samples: ProgressSample[]; full_sync?: FullSyncEstimate }) {
  histories().set(taskId, history);
}

/** A sample `secondsAgo` before now, with the given fields (everything else null). */
export function sample(secondsAgo: number, fields: Partial<ProgressSample> = {}): ProgressSample {
  return {
    at: new Date(Date.now() - secondsAgo * 1000).toISOString(),
    status: 'INCRMIGEATING',
    offset: null,
    full_migration_progress: null,
    source_dbsize: null,
    target_dbsize: null,
    target_ops: null,
    target_input_kbps: null,
    is_migrating: true,
    ...fields,
  };
}

export const historyHandlers = [
  http.get<{ taskId: string }>('/api/migration-tasks/:taskId/history', ({ params, request }) => {
    const target = new URL(request.url).searchParams.get('target');
    if (!target || !db.tasks[target]) return apiError(400, { code: 'UNKNOWN_TARGET', message: `Unknown target ${target ?? ''}.` });
    if (!db.tasks[target]?.some((task) => task.task_id === params.taskId)) {
      return apiError(404, { code: 'TASK_NOT_FOUND', message: `Migration task ${params.taskId} was not found.` });
    }
    const kept = histories().get(params.taskId);
    const answer: ProgressHistory = {
      task_id: params.taskId,
      target,
      samples: kept?.samples ?? [],
      full_sync: kept?.full_sync ?? noEstimate,
      retention_s: HISTORY_RETENTION_S,
      min_spacing_s: HISTORY_MIN_SPACING_S,
      background_interval_s: HISTORY_BACKGROUND_INTERVAL_S,
    };
    return HttpResponse.json(answer);
  }),
];
