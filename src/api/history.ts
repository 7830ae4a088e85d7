// `GET /api/migration-tasks/{id}/history?target&since` → the task's progress samples, kept by the
// console (in memory, the same for every operator), oldest first, with the full-sync rate and ETA
// derived from them. Reading it does not call the cloud; it marks the task as looked at, so the
// console keeps sampling it in the background while it migrates (rules/history.ts has the bounds).
import { z } from 'zod';
import { targetIdSchema } from './targets';

export * from './rules/history';

/** `since`: only samples taken after this instant (for a chart that already holds the older ones). */
export const historyQuerySchema = z.object({
  target: targetIdSchema.optional(),
  since: z.iso
    .datetime({ offset: true, message: 'an ISO 8601 date-time with a zone, e.g. 2025-01-31T08:00:00Z' })
    .transform((value) => new Date(value).toISOString())
    .optional(),
});

const count = z.number().nullable();

/**
 * One reading of the task's progress (`GET …/stats` of the cloud), numbers parsed (null when the
 * cloud sent none or something unreadable). `status` is the task status the console last read with
 * it (stats carry none); null when not known.
 */
export const progressSampleSchema = z.object({
  /** ISO 8601 UTC. */
  at: z.string(),
  status: z.string().nullable(),
  /** Incremental lag (0 = in sync). */
  offset: count,
  /** Percent of the full sync done, 0–100. */
  full_migration_progress: count,
  source_dbsize: count,
  target_dbsize: count,
  target_ops: count,
  target_input_kbps: count,
  is_migrating: z.boolean().nullable(),
});

export const fullSyncEstimateSchema = z.object({
  /** Latest full-sync percent; null without samples. */
  progress: count,
  /** Full-sync percent gained per minute over the rate window; null when not measurable. */
  percent_per_min: count,
  /** Target keys added per second over the same window; null when not measurable. */
  keys_per_s: count,
  /** Seconds until the full sync reaches 100 % at that rate; null with a reason. */
  eta_seconds: z.number().nonnegative().nullable(),
  /** One of ETA_UNKNOWN_REASONS when eta_seconds is null, else null. Open: a newer server may add codes. */
  eta_unknown_reason: z.string().nullable(),
  /** The first and last sample the rate was measured between (ISO 8601); null when none. */
  measured_from: z.string().nullable(),
  measured_to: z.string().nullable(),
});

export const progressHistorySchema = z.object({
  task_id: z.string(),
  /** The target id the request resolved to. */
  target: z.string(),
  /** Oldest first; with `since`, only the newer ones. */
  samples: z.array(progressSampleSchema),
  /** Always over all kept samples, whatever `since` says. */
  full_sync: fullSyncEstimateSchema,
  retention_s: z.number().int(),
  min_spacing_s: z.number().int(),
  background_interval_s: z.number().int(),
});

export type HistoryQuery = z.infer<typeof historyQuerySchema>;
export type ProgressSample = z.infer<typeof progressSampleSchema>;
export type FullSyncEstimate = z.infer<typeof fullSyncEstimateSchema>;
export type ProgressHistory = z.infer<typeof progressHistorySchema>;
