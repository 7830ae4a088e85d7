// The console's error shape and its stable codes. Every non-2xx answer of the console API is
// `{ error: ApiErrorBody }`; the UI explains each code.
import { z } from 'zod';

export * from './rules/errors';

export const upstreamErrorSchema = z.object({
  status: z.number().int(),
  error_code: z.string().nullable(),
  error_msg: z.string().nullable(),
  request_id: z.string().nullable().optional(),
});

export const apiErrorBodySchema = z.object({
  code: z.string(), // open: a newer server may send codes this client does not know
  message: z.string(),
  request_id: z.string(),
  upstream: upstreamErrorSchema.optional(),
  details: z.array(z.object({ field: z.string(), problem: z.string() })).optional(),
  /** With UNAUTHENTICATED / SIGN_IN_FAILED in oidc mode: where to sign in (append `?return_to=<path>`). */
  login_url: z.string().optional(),
});

export const apiErrorResponseSchema = z.object({ error: apiErrorBodySchema });

export type UpstreamError = z.infer<typeof upstreamErrorSchema>;
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;
export type ApiErrorResponse = z.infer<typeof apiErrorResponseSchema>;
