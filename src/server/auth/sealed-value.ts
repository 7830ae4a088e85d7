// Values the browser keeps for us but may neither read nor forge (the sign-in state: PKCE verifier,
// state, nonce): AES-256-GCM under a key derived from SESSION_SECRET with HKDF-SHA256, one key per
// purpose, a random 96-bit IV per value, the purpose also bound as additional authenticated data.
// base64url(iv ‖ ciphertext ‖ tag); anything else, or anything altered, opens to null.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

export type SealedPurpose = 'oidc-login';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const MAX_LENGTH = 4096;
const SALT = 'dcs-console sealed-value v1';

function key(secret: string, purpose: SealedPurpose): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, SALT, purpose, 32));
}

export function sealValue(secret: string, purpose: SealedPurpose, payload: unknown): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key(secret, purpose), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(purpose));
  const data = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, data, cipher.getAuthTag()]).toString('base64url');
}

/** The payload, or null when the value is missing, malformed, altered or not sealed by us for this purpose. */
export function unsealValue(secret: string, purpose: SealedPurpose, value: string | undefined): unknown {
  if (!value || value.length > MAX_LENGTH || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const raw = Buffer.from(value, 'base64url');
  if (raw.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key(secret, purpose), raw.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}
