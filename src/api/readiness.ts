// `GET /readyz` (no sign-in, for load balancers and orchestrators): 200 when every DCS target
// answered a cheap read, 503 otherwise. Answers are cached for a few seconds, so probes do not
// spend the cloud's request quota.
import { z } from 'zod';

export const targetReadinessSchema = z.union([
  z.object({ id: z.string(), reachable: z.literal(true), latency_ms: z.number().int().nonnegative() }),
  z.object({
    id: z.string(),
    reachable: z.literal(false),
    /** The console error code the read failed with (UPSTREAM_TIMEOUT, UPSTREAM_UNREACHABLE, ...). */
    error_code: z.string(),
  }),
]);

/** Where the console keeps its records (audit trail): it must answer a trivial query. */
export const storeReadinessSchema = z.object({
  kind: z.enum(['sqlite', 'postgres']),
  reachable: z.boolean(),
  latency_ms: z.number().int().nonnegative().optional(),
  /** Why it is not reachable (the driver's words, never a password). */
  error: z.string().optional(),
});

export const readinessSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  targets: z.array(targetReadinessSchema),
  store: storeReadinessSchema.optional(),
});

export type TargetReadiness = z.infer<typeof targetReadinessSchema>;
export type StoreReadiness = z.infer<typeof storeReadinessSchema>;
export type Readiness = z.infer<typeof readinessSchema>;
