// Sealed values (the sign-in state cookie): round trip, unreadable, and anything altered,
// foreign or malformed opens to null.
import { describe, expect, it } from 'vitest';
import { sealValue, unsealValue } from './sealed-value';

const SECRET = 'sealed-value-test-secret-0123456789abcdef';
const STATE = { state: 'state-value-0123456789', nonce: 'nonce-value-0123456789', verifier: 'v'.repeat(43), return_to: '/x', exp: 1 };

describe('sealed values', () => {
  it('open to what was sealed; the value shows none of it, and a fresh IV makes each one different', () => {
    const a = sealValue(SECRET, 'oidc-login', STATE);
    const b = sealValue(SECRET, 'oidc-login', STATE);
    expect(unsealValue(SECRET, 'oidc-login', a)).toEqual(STATE);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[\w-]+$/);
    expect(Buffer.from(a, 'base64url').toString('latin1')).not.toMatch(/state-value|nonce-value|vvvv|return_to/);
  });

  it('altered, sealed with another secret, truncated, too long or not base64url: null', () => {
    const value = sealValue(SECRET, 'oidc-login', STATE);
    const raw = Buffer.from(value, 'base64url');
    for (const at of [0, 12, raw.length - 1]) {
      const flipped = Buffer.from(raw);
      flipped[at]! ^= 1;
      expect(unsealValue(SECRET, 'oidc-login', flipped.toString('base64url')), `byte ${at}`).toBeNull();
    }
    expect(unsealValue('another-secret-of-at-least-32-characters!', 'oidc-login', value)).toBeNull();
    expect(unsealValue(SECRET, 'oidc-login', value.slice(0, 30))).toBeNull();
    expect(unsealValue(SECRET, 'oidc-login', `${value}.x`)).toBeNull();
    expect(unsealValue(SECRET, 'oidc-login', 'A'.repeat(5000))).toBeNull();
    expect(unsealValue(SECRET, 'oidc-login', undefined)).toBeNull();
    expect(unsealValue(SECRET, 'oidc-login', '')).toBeNull();
  });
});
