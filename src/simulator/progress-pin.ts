// POST /__simulator/tasks/{id}/progress: pins what a task's stats report, so tests and browser
// journeys can make an incremental migration catch up (offset 0) or a full sync advance exactly.
// The stats stay faithful to README §3.6: the offset is reported only in incremental sync and the
// full-sync percent only during the full sync; a pin outside its phase waits for that phase.
import type { SimBookkeeping } from './model';

const MAX_OFFSET = 1_000_000_000;
const MAX_DRAIN_MS = 24 * 60 * 60 * 1000;

export interface PinRequest {
  offset?: number | null;
  drainMs?: number;
  fullSyncProgress?: number | null;
}

const isInt = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/**
 * Validates `{ offset?: int 0–1e9 | null, drain_ms?: int 0–86400000, full_migration_progress?:
 * int 0–100 | null }` (null clears a pin; at least one field). Returns the request or a problem.
 */
export function parsePinRequest(input: unknown): PinRequest | string {
  const usage = 'body must be {"offset"?: 0–1000000000 | null, "drain_ms"?: 0–86400000, "full_migration_progress"?: 0–100 | null} with at least offset or full_migration_progress';
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return usage;
  const body = input as Record<string, unknown>;
  if (Object.keys(body).some((key) => !['offset', 'drain_ms', 'full_migration_progress'].includes(key))) return usage;
  if (!('offset' in body) && !('full_migration_progress' in body)) return usage;
  if ('offset' in body && body.offset !== null && !isInt(body.offset, 0, MAX_OFFSET)) return usage;
  if ('drain_ms' in body && (!isInt(body.drain_ms, 0, MAX_DRAIN_MS) || !('offset' in body) || body.offset === null)) return usage;
  const progress = body.full_migration_progress;
  if ('full_migration_progress' in body && progress !== null && !isInt(progress, 0, 100)) return usage;
  const request: PinRequest = {};
  if ('offset' in body) request.offset = body.offset as number | null;
  if ('drain_ms' in body) request.drainMs = body.drain_ms as number;
  if ('full_migration_progress' in body) request.fullSyncProgress = progress as number | null;
  return request;
}

export function applyPins(sim: SimBookkeeping, request: PinRequest, nowMs: number): void {
  const pins = (sim.pins ??= {});
  if (request.offset !== undefined) {
    pins.offset = request.offset === null ? null : { from: request.offset, atMs: nowMs, drainMs: request.drainMs ?? 0 };
  }
  if (request.fullSyncProgress !== undefined) pins.fullSyncProgress = request.fullSyncProgress;
}

/** The pinned offset at `nowMs`, or null when none is pinned. */
export function pinnedOffset(sim: SimBookkeeping, nowMs: number): number | null {
  const pin = sim.pins?.offset;
  if (!pin) return null;
  if (pin.drainMs === 0) return pin.from;
  const left = 1 - Math.max(0, nowMs - pin.atMs) / pin.drainMs;
  return Math.max(0, Math.ceil(pin.from * left));
}

export function pinnedFullSyncProgress(sim: SimBookkeeping): number | null {
  return sim.pins?.fullSyncProgress ?? null;
}

/** What the control API shows of the pins. */
export function describePins(sim: SimBookkeeping, nowMs: number): { offset: number | null; full_migration_progress: number | null } {
  return { offset: pinnedOffset(sim, nowMs), full_migration_progress: pinnedFullSyncProgress(sim) };
}
