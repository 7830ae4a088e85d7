// Query and body parsing shared by the DCS handlers; failures are the DCS 400 answers (README §6).
import { DCS_ERROR } from '../dcs/errors';
import { MESSAGES } from './replies';

export interface ParamProblem {
  code: string;
  message: string;
}

/** A non-negative decimal integer within [min, max]; absent → fallback; anything else → null. */
export function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number | null {
  const values = query.getAll(name);
  if (values.length === 0) return fallback;
  const raw = values[0]!;
  if (values.length > 1 || !/^\d{1,16}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}

/**
 * The non-empty string array `field` of a JSON body, as batch stop and delete take it:
 * empty body → DCS.4004, not JSON → DCS.4005, anything else wrong → DCS.4800.
 */
export function idListBody(body: Buffer, field: string): string[] | ParamProblem {
  const text = body.toString('utf8');
  if (text.trim() === '') return { code: DCS_ERROR.EMPTY_BODY, message: MESSAGES.emptyBody };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { code: DCS_ERROR.INVALID_JSON, message: MESSAGES.invalidJson };
  }
  const ids = (parsed as Record<string, unknown> | null)?.[field];
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) {
    return { code: DCS_ERROR.INVALID_PARAM, message: `Invalid ${field}.` };
  }
  return ids as string[];
}
