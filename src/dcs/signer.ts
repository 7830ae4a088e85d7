// SDK-HMAC-SHA256 request signing as done by Huawei Cloud's official SDKs
// (see shared/dcs-api/README.md §8). Dependency-free apart from node:crypto.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
/** The gateway refuses a request whose X-Sdk-Date is further than this from its clock. */
export const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

export type QueryValue = string | number | boolean | null | undefined;
export type QueryMap = Record<string, QueryValue | QueryValue[]>;

export interface SignInput {
  method: string;
  /** Path exactly as it is to be signed, e.g. `/v2/{project}/migration-tasks`. */
  path: string;
  query?: QueryMap;
  /** Headers to sign besides host and x-sdk-date (content-type, x-project-id, x-security-token). */
  headers?: Record<string, string>;
  host: string;
  body?: string | Uint8Array;
  /** Unsigned payload (X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD) replaces the body hash. */
  unsignedPayload?: boolean;
}

export interface Credentials {
  ak: string;
  sk: string;
}

/** Percent-encode everything but RFC 3986 unreserved characters, upper-case hex. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function formatSdkDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function parseSdkDate(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  return Number.isNaN(date.getTime()) ? null : date;
}

export function canonicalUri(path: string): string {
  const encoded = path.split('/').map(encodeRfc3986).join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

export function canonicalQuery(query: QueryMap = {}): string {
  const pairs: string[] = [];
  for (const name of Object.keys(query).sort(compareCodeUnits)) {
    const raw = query[name];
    const values = (Array.isArray(raw) ? raw : [raw]).map((v) => (v === null || v === undefined ? '' : String(v)));
    for (const value of values.sort(compareCodeUnits)) pairs.push(`${encodeRfc3986(name)}=${encodeRfc3986(value)}`);
  }
  return pairs.join('&');
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Lower-cased header map of what gets signed: the given headers plus host and x-sdk-date. */
function headersToSign(input: SignInput, sdkDate: string): Map<string, string> {
  const signed = new Map<string, string>();
  for (const [name, value] of Object.entries(input.headers ?? {})) signed.set(name.toLowerCase(), value);
  signed.set('host', input.host);
  signed.set('x-sdk-date', sdkDate);
  return signed;
}

export function canonicalRequest(input: SignInput, signed: Map<string, string>): string {
  const names = [...signed.keys()].sort(compareCodeUnits);
  const headerLines = names.map((n) => `${n}:${signed.get(n)}\n`).join('');
  const payloadHash = input.unsignedPayload ? 'UNSIGNED-PAYLOAD' : sha256Hex(input.body ?? '');
  return [
    input.method.toUpperCase(),
    canonicalUri(input.path),
    canonicalQuery(input.query),
    headerLines,
    names.join(';'),
    payloadHash,
  ].join('\n');
}

export function stringToSign(canonical: string, sdkDate: string): string {
  return `${SIGNING_ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
}

export function hmacHex(sk: string, data: string): string {
  return createHmac('sha256', sk).update(data).digest('hex');
}

export interface SignedHeaders {
  'X-Sdk-Date': string;
  Authorization: string;
  host: string;
}

/** Signs a request; returns the headers to add (X-Sdk-Date, Authorization, host). */
export function signRequest(input: SignInput, credentials: Credentials, now: Date = new Date()): SignedHeaders {
  const sdkDate = formatSdkDate(now);
  const signed = headersToSign(input, sdkDate);
  const signature = hmacHex(credentials.sk, stringToSign(canonicalRequest(input, signed), sdkDate));
  const names = [...signed.keys()].sort(compareCodeUnits).join(';');
  return {
    'X-Sdk-Date': sdkDate,
    Authorization: `${SIGNING_ALGORITHM} Access=${credentials.ak}, SignedHeaders=${names}, Signature=${signature}`,
    host: input.host,
  };
}

export interface ParsedAuthorization {
  access: string;
  signedHeaders: string[];
  signature: string;
}

export function parseAuthorization(value: string | undefined): ParsedAuthorization | null {
  if (!value?.startsWith(`${SIGNING_ALGORITHM} `)) return null;
  const fields = new Map<string, string>();
  for (const part of value.slice(SIGNING_ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const access = fields.get('Access');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!access || !signedHeaders || !signature) return null;
  return { access, signedHeaders: signedHeaders.split(';'), signature };
}

export type VerifyFailure = 'missing' | 'malformed' | 'unknown_ak' | 'stale' | 'bad_signature';

export interface VerifyRequest {
  method: string;
  path: string;
  query: QueryMap;
  /** Incoming headers, names lower-cased (as Node gives them). */
  headers: Record<string, string | string[] | undefined>;
  body: string | Uint8Array;
}

/**
 * Server-side check of a signed request, as the API gateway does it: recompute the signature
 * over the headers the client listed and compare in constant time.
 */
export function verifyRequest(
  request: VerifyRequest,
  lookupSecret: (ak: string) => string | undefined,
  now: Date = new Date(),
): { ok: true; ak: string } | { ok: false; reason: VerifyFailure } {
  const header = request.headers.authorization;
  if (header === undefined) return { ok: false, reason: 'missing' };
  const parsed = parseAuthorization(Array.isArray(header) ? header[0] : header);
  if (!parsed || !parsed.signedHeaders.includes('x-sdk-date')) return { ok: false, reason: 'malformed' };
  const sk = lookupSecret(parsed.access);
  if (sk === undefined) return { ok: false, reason: 'unknown_ak' };
  const sdkDate = headerValue(request.headers['x-sdk-date']);
  const date = sdkDate ? parseSdkDate(sdkDate) : null;
  if (!sdkDate || !date) return { ok: false, reason: 'malformed' };
  if (Math.abs(now.getTime() - date.getTime()) > MAX_CLOCK_SKEW_MS) return { ok: false, reason: 'stale' };
  const signed = new Map<string, string>();
  for (const name of parsed.signedHeaders) {
    const value = headerValue(request.headers[name]);
    if (value === undefined) return { ok: false, reason: 'bad_signature' };
    signed.set(name, value);
  }
  const input: SignInput = {
    method: request.method,
    path: request.path,
    query: request.query,
    host: signed.get('host') ?? '',
    body: request.body,
    unsignedPayload: headerValue(request.headers['x-sdk-content-sha256']) === 'UNSIGNED-PAYLOAD',
  };
  const expected = hmacHex(sk, stringToSign(canonicalRequest(input, signed), sdkDate));
  const a = Buffer.from(expected);
  const b = Buffer.from(parsed.signature);
  return a.length === b.length && timingSafeEqual(a, b) ? { ok: true, ak: parsed.access } : { ok: false, reason: 'bad_signature' };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}
