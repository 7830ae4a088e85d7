// The DCS targets (region + project) the console can reach. Every task route takes `?target=<id>`;
// without it the first target is used.
import { z } from 'zod';
import { TARGET_ID_PATTERN, TARGET_ID_RULE } from './rules/targets';

export * from './rules/targets';

export const targetIdSchema = z.string().regex(TARGET_ID_PATTERN, TARGET_ID_RULE);

export const targetSchema = z.object({
  id: z.string(),
  label: z.string(),
  region: z.string(),
  project_id: z.string(),
  endpoint_host: z.string(),
  /** The embedded simulator, not Huawei Cloud: the data is not real. */
  simulated: z.boolean(),
});

export const targetListSchema = z.object({ targets: z.array(targetSchema) });

export type Target = z.infer<typeof targetSchema>;
export type TargetList = z.infer<typeof targetListSchema>;
