// What the overview's cards show, computed from the answer: the data's age on the server's clock,
// counts in a steady order, attention items in words. Anything unreadable (a newer server's kind or
// status, an odd time) is shown raw or left out, never a crash.
import type { ApiErrorBody, AttentionItem, Overview } from '../../../../api';
import { ATTENTION_KINDS, KNOWN_STATUSES, type AttentionKind } from '../../../../api/rules';
import { ApiError } from '../../../lib/api-client';
import { formatNumber } from '../../../lib/format';
import { translateOverview } from './english';

/**
 * The server's time now: when it made the answer plus how long ago the answer arrived. Ages computed
 * on it (generated_at − read_at, growing) do not depend on this computer's clock being right.
 */
export interface ServerClock {
  generatedAt: number;
  receivedAt: number;
}

export function serverClock(overview: Overview, receivedAt: number): ServerClock {
  const generatedAt = Date.parse(overview.generated_at);
  return { generatedAt: Number.isFinite(generatedAt) ? generatedAt : receivedAt, receivedAt };
}

/** Milliseconds from `iso` to the server's now (at `now` on this computer), or null when unreadable. */
export function ageOf(iso: string | null | undefined, clock: ServerClock, now: number): number | null {
  const at = iso ? Date.parse(iso) : Number.NaN;
  if (!Number.isFinite(at)) return null;
  return Math.max(0, clock.generatedAt + Math.max(0, now - clock.receivedAt) - at);
}

/** Known statuses in the contract's order (migrating first), then unknown ones by name. */
export function orderedCounts(counts: Record<string, number> | null | undefined): [status: string, count: number][] {
  const entries = Object.entries(counts ?? {}).filter(([, count]) => typeof count === 'number' && count > 0);
  const rank = (status: string) => {
    const index = (KNOWN_STATUSES as readonly string[]).indexOf(status);
    return index === -1 ? KNOWN_STATUSES.length : index;
  };
  return entries.sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

export function isKnownKind(kind: string): kind is AttentionKind {
  return (ATTENTION_KINDS as readonly string[]).includes(kind);
}

export const KIND_COLORS: Record<AttentionKind, string> = {
  failed: 'red',
  stopping_long: 'orange',
  lag_rising: 'yellow',
  watch_waiting: 'blue',
};

/** "Failed", "Stopping for 14 min", "Lag rising (1,200 → 4,800)", "Stop when caught up: waiting". */
export function attentionText(item: AttentionItem, ageMs: number | null): string {
  const kind: string = item.kind;
  if (!isKnownKind(kind)) return translateOverview('kindOther', { kind });
  switch (kind) {
    case 'stopping_long':
      return translateOverview('kind_stopping_long', { count: Math.floor((ageMs ?? 0) / 60_000) });
    case 'lag_rising': {
      const offsets = (item.offsets ?? []).map((offset) => formatNumber(offset) ?? String(offset));
      return translateOverview('kind_lag_rising', { offsets: offsets.join(' → ') || '—' });
    }
    default:
      return translateOverview(`kind_${kind}`);
  }
}

/** A target's last failed read as the console's error, for ErrorDetails (its codes, hint and request ids). */
export function readError(body: ApiErrorBody | null | undefined): ApiError | null {
  if (!body || typeof body.code !== 'string') return null;
  return new ApiError({
    status: 0, // the console's own answer to the page was fine: the failure was its read of the cloud
    code: body.code,
    message: typeof body.message === 'string' ? body.message : body.code,
    request_id: body.request_id,
    upstream: body.upstream,
  });
}
