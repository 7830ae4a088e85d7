import { describe, expect, it } from 'vitest';
import vectors from './signing-vectors.fixture.json';
import { canonicalRequest, parseSdkDate, signRequest, stringToSign, verifyRequest, type QueryMap } from './signer';

// Vectors made by the official Huawei Cloud Node SDK (shared/dcs-api/signing-vectors.json).
const now = new Date(vectors.fixed_time_utc);
const credentials = { ak: vectors.credentials.ak, sk: vectors.credentials.sk };
const host = new URL(vectors.endpoint).host;

describe('signRequest reproduces the official SDK vectors', () => {
  for (const v of vectors.vectors) {
    it(v.name, () => {
      const input = {
        method: v.method,
        path: v.path_given_to_signer,
        query: v.query_params_given_to_signer as QueryMap,
        headers: v.headers_given_to_signer as Record<string, string>,
        host,
        body: v.body,
      };
      const signed = signRequest(input, credentials, now);
      expect(signed['X-Sdk-Date']).toBe(v.headers_added_by_signer['X-Sdk-Date']);
      expect(signed.Authorization).toBe(v.authorization);
      const headerMap = new Map<string, string>(
        Object.entries({ ...input.headers, host, 'x-sdk-date': signed['X-Sdk-Date'] }).map(([k, val]) => [k.toLowerCase(), val]),
      );
      const canonical = canonicalRequest(input, headerMap);
      expect(canonical).toBe(v.canonical_request);
      expect(stringToSign(canonical, signed['X-Sdk-Date'])).toBe(v.string_to_sign);
    });
  }
});

describe('cross-checks from the signing guide and the Go SDK', () => {
  it('Go SDK unit-test signatures', () => {
    const go = vectors.cross_checks.go_sdk_unit_tests;
    for (const c of go.cases) {
      const url = new URL(c.url);
      const signed = signRequest(
        { method: c.method, path: url.pathname, query: Object.fromEntries(url.searchParams), host: '', body: c.body },
        { ak: go.ak, sk: go.sk },
        parseSdkDate(go.x_sdk_date)!,
      );
      // The Go SDK signs only x-sdk-date; our signer always signs host, so compare signatures
      // through the verifier with the header list the Go SDK used.
      const result = verifyRequest(
        {
          method: c.method,
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers: { authorization: c.authorization, 'x-sdk-date': go.x_sdk_date },
          body: c.body,
        },
        (ak) => (ak === go.ak ? go.sk : undefined),
        parseSdkDate(go.x_sdk_date)!,
      );
      expect(result).toEqual({ ok: true, ak: go.ak });
      expect(signed.Authorization).toMatch(/^SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=host;x-sdk-date, Signature=[0-9a-f]{64}$/);
    }
  });
});

describe('verifyRequest', () => {
  const v = vectors.vectors.find((x) => x.name === 'batch_stop_migration_tasks')!;
  const request = () => ({
    method: v.method,
    path: v.path_given_to_signer,
    query: {} as QueryMap,
    headers: {
      authorization: v.authorization,
      'x-sdk-date': vectors.x_sdk_date,
      host,
      'content-type': 'application/json',
      'x-project-id': vectors.credentials.project_id,
    } as Record<string, string>,
    body: v.body,
  });
  const lookup = (ak: string) => (ak === credentials.ak ? credentials.sk : undefined);

  it('accepts the SDK-signed request', () => {
    expect(verifyRequest(request(), lookup, now)).toEqual({ ok: true, ak: credentials.ak });
  });
  it('rejects a changed body, path, query or signed header', () => {
    expect(verifyRequest({ ...request(), body: v.body.replace('3f', '4f') }, lookup, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyRequest({ ...request(), path: `${v.path_given_to_signer}x` }, lookup, now)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyRequest({ ...request(), query: { limit: 1 } }, lookup, now)).toEqual({ ok: false, reason: 'bad_signature' });
    const r = request();
    r.headers['x-project-id'] = '0'.repeat(32);
    expect(verifyRequest(r, lookup, now)).toEqual({ ok: false, reason: 'bad_signature' });
  });
  it('rejects a stale date, an unknown AK and a missing header', () => {
    expect(verifyRequest(request(), lookup, new Date(now.getTime() + 16 * 60_000))).toEqual({ ok: false, reason: 'stale' });
    expect(verifyRequest(request(), () => undefined, now)).toEqual({ ok: false, reason: 'unknown_ak' });
    const r = request();
    delete r.headers.authorization;
    expect(verifyRequest(r, lookup, now)).toEqual({ ok: false, reason: 'missing' });
  });
});
