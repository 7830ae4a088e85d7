// AUTH_MODE=oidc: the session is a small signed cookie, not server state. It holds who the user
// is, their console roles, the CSRF token of the session and when it ends (8 h after sign-in). It
// is HttpOnly (page scripts never see it), SameSite=Lax (sent on the top-level navigation back
// from the provider, never on cross-site POSTs) and Secure whenever the console is served over https,
// where it is also named `__Host-dcs_session` (see hostCookieName).
import { randomBytes } from 'node:crypto';
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { SESSION_COOKIE, type Principal } from './principal';
import { signValue, unsignValue } from './signed-value';

export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

const payloadSchema = z.object({
  v: z.literal(1),
  sub: z.string().min(1).max(1024),
  name: z.string().min(1).max(256),
  roles: z.array(z.string().max(32)).max(8),
  csrf: z.string().regex(/^[A-Za-z0-9_-]{32}$/),
  /** Expiry, ms since the epoch. */
  exp: z.number().int(),
});

export interface Session {
  principal: Principal;
  csrf: string;
  expiresAt: Date;
}

/** The session in the request's cookie, or null when there is none, it is forged or it expired. */
export function readSession(request: FastifyRequest, secret: string, now: number, secure: boolean): Session | null {
  const parsed = payloadSchema.safeParse(unsignValue(secret, 'session', request.cookies[hostCookieName(SESSION_COOKIE, secure)]));
  if (!parsed.success || parsed.data.exp <= now) return null;
  const { sub, name, roles, csrf, exp } = parsed.data;
  return { principal: { name, roles, subject: sub }, csrf, expiresAt: new Date(exp) };
}

/** Starts a session (a fresh CSRF token each sign-in) and returns it. */
export function writeSession(reply: FastifyReply, secret: string, who: { sub: string; name: string; roles: string[] }, secure: boolean, now: number): Session {
  const csrf = randomBytes(24).toString('base64url');
  const exp = now + SESSION_TTL_MS;
  const value = signValue(secret, 'session', { v: 1, sub: who.sub, name: who.name, roles: who.roles, csrf, exp });
  void reply.setCookie(hostCookieName(SESSION_COOKIE, secure), value, { ...sessionCookieOptions(secure), maxAge: SESSION_TTL_MS / 1000 });
  return { principal: { name: who.name, roles: who.roles, subject: who.sub }, csrf, expiresAt: new Date(exp) };
}

export function clearSession(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(hostCookieName(SESSION_COOKIE, secure), sessionCookieOptions(secure));
}

function sessionCookieOptions(secure: boolean): CookieSerializeOptions {
  return { path: '/', httpOnly: true, sameSite: 'lax', secure };
}

/**
 * A Path=/ cookie's name: behind https with the `__Host-` prefix, so the browser keeps it only when it
 * is Secure, Path=/ and has no Domain (a sibling subdomain can neither plant nor overwrite it); the
 * plain name over http (local use), where browsers would refuse the prefix.
 */
export function hostCookieName(name: string, secure: boolean): string {
  return secure ? `__Host-${name}` : name;
}

/** Cookies are Secure when the browser reaches the console over https (PUBLIC_URL or the request itself). */
export function servedOverHttps(request: FastifyRequest, publicUrl: URL | null): boolean {
  return publicUrl?.protocol === 'https:' || request.protocol === 'https';
}
