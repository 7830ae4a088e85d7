// AUTH_MODE=oidc: the session lives in the store (session-store.ts); the cookie carries only its
// random id, signed with SESSION_SECRET so a made-up or tampered id is refused without a query. It is
// HttpOnly (page scripts never see it), SameSite=Lax (sent on the top-level navigation back from the
// provider, never on cross-site POSTs) and Secure whenever the console is served over https, where
// it is also named `__Host-dcs_session` (see hostCookieName).
import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from './principal';
import { mac, macMatches } from './signed-value';

/** A 32-byte id and its HMAC, both base64url. */
const COOKIE_VALUE = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/;

/** `id.mac`: what the browser keeps. */
export function sessionCookieValue(secret: string, id: string): string {
  return `${id}.${mac(secret, 'session', id)}`;
}

/** The session id of the request's cookie, or null when there is none or it is not signed by us. */
export function readSessionId(request: FastifyRequest, secret: string, secure: boolean): string | null {
  const match = COOKIE_VALUE.exec(request.cookies[hostCookieName(SESSION_COOKIE, secure)] ?? '');
  return match && macMatches(secret, 'session', match[1]!, match[2]!) ? match[1]! : null;
}

/** Hands the browser a new session's id; the cookie lasts as long as the session may (SESSION_MAX_AGE_H). */
export function writeSessionCookie(reply: FastifyReply, secret: string, id: string, secure: boolean, maxAgeMs: number): void {
  void reply.setCookie(hostCookieName(SESSION_COOKIE, secure), sessionCookieValue(secret, id), { ...sessionCookieOptions(secure), maxAge: Math.floor(maxAgeMs / 1000) });
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
