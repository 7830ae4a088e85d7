// `GET /api/session`: who the browser is, what it may do, and the CSRF token for POSTs. Not signed
// in, it answers 401 UNAUTHENTICATED (with `login_url` when the console itself signs people in).
import { z } from 'zod';

export * from './rules/session';

export const sessionSchema = z.object({
  user: z.object({ name: z.string() }),
  roles: z.array(z.string()),
  /** Open list: a newer server may grant actions this client does not know. */
  allowed_actions: z.array(z.string()),
  csrf_token: z.string(),
  /** How people sign in: one of AUTH_MODES ('none' = no sign-in, everyone is an operator: local demo only). */
  auth_mode: z.string(),
  /** Present when the console can sign the user out: POST it with the CSRF header (see logoutResponseSchema). */
  logout_url: z.string().optional(),
  /** When the sign-in ends (ISO 8601); absent when it does not expire (none and proxy modes). */
  expires_at: z.string().optional(),
  /** The upstream is the embedded simulator: the data is not real. */
  simulated: z.boolean(),
  /** The default target; its project and endpoint only for a user who may list tasks (a role). */
  target: z.object({ region: z.string(), project_id: z.string().optional(), endpoint_host: z.string().optional() }),
});

export type Session = z.infer<typeof sessionSchema>;

/** `POST /auth/logout` → where to send the browser next (the provider's sign-out page, or `/`). */
export const logoutResponseSchema = z.object({ redirect_url: z.string() });
export type LogoutResponse = z.infer<typeof logoutResponseSchema>;
