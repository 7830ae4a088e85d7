// The DCS targets (region + project) the console can reach. Every task route takes `?target=<id>`;
// without it the first target is used.
import { z } from 'zod';

export const targetIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lower-case letters, digits and "-", 1–32 characters');

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
