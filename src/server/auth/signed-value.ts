// Values the browser keeps for us but cannot forge: JSON, base64url, and an HMAC-SHA256 over it
// keyed by SESSION_SECRET and bound to a purpose, so a value made for one cookie is worthless as
// another.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignedPurpose = 'session' | 'csrf';

const MAX_LENGTH = 4096;

export function mac(secret: string, purpose: SignedPurpose, data: string): string {
  return createHmac('sha256', secret).update(`${purpose}\0${data}`).digest('base64url');
}

export function macMatches(secret: string, purpose: SignedPurpose, data: string, signature: string): boolean {
  const expected = Buffer.from(mac(secret, purpose, data));
  const actual = Buffer.from(signature);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function signValue(secret: string, purpose: SignedPurpose, payload: unknown): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(secret, purpose, body)}`;
}

/** The payload, or null when the value is missing, malformed or not signed by us for this purpose. */
export function unsignValue(secret: string, purpose: SignedPurpose, value: string | undefined): unknown {
  if (!value || value.length > MAX_LENGTH) return null;
  const dot = value.lastIndexOf('.');
  if (dot <= 0) return null;
  const body = value.slice(0, dot);
  if (!macMatches(secret, purpose, body, value.slice(dot + 1))) return null;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
