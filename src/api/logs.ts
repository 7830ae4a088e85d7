// `GET /api/migration-tasks/{id}/logs?offset&limit&level`: the task's migration log, newest first.
import { z } from 'zod';
import { LOG_LEVELS } from './rules/migration-tasks';
import { targetIdSchema } from './targets';

export const logsQuerySchema = z.object({
  target: targetIdSchema.optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  level: z.enum(LOG_LEVELS).optional(),
});

export const migrationLogSchema = z.looseObject({
  created_at: z.string().nullish(),
  log_level: z.string().nullish(),
  message: z.string().nullish(),
  log_code: z.string().nullish(),
  keyword: z.array(z.string()).nullish(),
});

export const migrationLogListSchema = z.object({ count: z.number().int().nonnegative(), logs: z.array(migrationLogSchema) });

export type LogsQuery = z.infer<typeof logsQuerySchema>;
export type MigrationLog = z.infer<typeof migrationLogSchema>;
export type MigrationLogList = z.infer<typeof migrationLogListSchema>;
