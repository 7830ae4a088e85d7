// `GET /api/session`: who the browser is, what it may do, and the CSRF token for POSTs.
import { z } from 'zod';

export const ACTIONS = ['migrationTask:list', 'migrationTask:get', 'migrationTask:stop'] as const;
export type Action = (typeof ACTIONS)[number];

export const sessionSchema = z.object({
  user: z.object({ name: z.string() }),
  roles: z.array(z.string()),
  /** Open list: a newer server may grant actions this client does not know. */
  allowed_actions: z.array(z.string()),
  csrf_token: z.string(),
  auth_mode: z.string(),
  /** The upstream is the embedded simulator: the data is not real. */
  simulated: z.boolean(),
  target: z.object({ region: z.string(), project_id: z.string(), endpoint_host: z.string() }),
});

export type Session = z.infer<typeof sessionSchema>;

export const CSRF_HEADER = 'x-csrf-token';
