// STOP_RATE_LIMIT: stop requests per user per minute (@fastify/rate-limit). It applies to every
// route that declares `config: { stopRateLimited: true }` (stop, batch stop, scheduling a
// stop-when-caught-up), counted per signed-in user after the permission check, so refused or
// forged requests do not use up anyone's budget. The counts live in the session store, so the
// limit holds across every instance sharing its database.
// LOGIN_RATE_LIMIT: sign-in starts (`config: { loginRateLimited: true }`, GET /auth/login) per
// client address per minute, counted before anything else runs: each one contacts the provider.
// Counted in memory, per instance: requests from people not signed in never write to the database.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { Clock } from '../../dcs/clock';
import { ApiHttpError } from '../errors';
import { principalKey } from './principal';
import type { SessionStore } from './session-store';
import { signInFailedPage } from './sign-in-page';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route sends (or schedules) a stop: it counts against the user's STOP_RATE_LIMIT. */
    stopRateLimited?: boolean;
    /** The route starts a sign-in: it counts against the client address's LOGIN_RATE_LIMIT. */
    loginRateLimited?: boolean;
  }
}

const WINDOW_MS = 60_000;

type Counted = { current: number; ttl: number };

const STOP_KEY = 'user:';

/**
 * The one store of every limited route (the plugin's default store gives each route its own, which
 * would double the budget). Stop keys: fixed windows aligned to the minute of the app clock, so every
 * instance counts into the same (key, window) row. Login keys: in memory, a window from the first hit.
 */
class SharedStopStore {
  private readonly windows = new Map<string, { count: number; startedAt: number }>();

  constructor(
    private readonly now: Clock,
    private readonly counts: Pick<SessionStore, 'countHit'>,
  ) {}

  incr(key: string, callback: (error: Error | null, result?: Counted) => void, timeWindow: number): void {
    const now = this.now();
    if (key.startsWith(STOP_KEY)) {
      const windowStart = now - (now % timeWindow);
      this.counts.countHit(key, windowStart, now).then(
        (current) => callback(null, { current, ttl: windowStart + timeWindow - now }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
      return;
    }
    let window = this.windows.get(key);
    if (!window || window.startedAt + timeWindow <= now) {
      if (this.windows.size >= 10_000) this.dropExpired(now, timeWindow);
      window = { count: 0, startedAt: now };
      this.windows.set(key, window);
    }
    window.count += 1;
    callback(null, { current: window.count, ttl: window.startedAt + timeWindow - now });
  }

  child(): SharedStopStore {
    return this;
  }

  private dropExpired(now: number, timeWindow: number): void {
    for (const [key, window] of this.windows) if (window.startedAt + timeWindow <= now) this.windows.delete(key);
  }
}

export const stopRateLimitPlugin = fp(
  async function stopRateLimit(app: FastifyInstance, options: { perMinute: number; loginPerMinute: number; now: Clock; counts: Pick<SessionStore, 'countHit'> }) {
    // Runs before @fastify/rate-limit's own onRoute hook (registered just below), which reads the config.
    app.addHook('onRoute', (route: RouteOptions) => {
      if (route.config?.loginRateLimited === true) {
        route.config = {
          ...route.config,
          rateLimit: {
            max: options.loginPerMinute,
            timeWindow: WINDOW_MS,
            hook: 'onRequest',
            keyGenerator: (request) => `address:${request.ip}`,
            errorResponseBuilder: (_request, context) => loginRateLimited(options.loginPerMinute, context.ttl),
          },
        };
        return;
      }
      if (route.config?.stopRateLimited !== true) return;
      route.config = {
        ...route.config,
        rateLimit: {
          max: options.perMinute,
          timeWindow: WINDOW_MS,
          hook: 'preHandler', // after requirePermission (route preHandlers run in order)
          keyGenerator: (request) => `${STOP_KEY}${principalKey(request.principal)}`,
          errorResponseBuilder: (_request, context) =>
            new ApiHttpError(
              429,
              'RATE_LIMITED',
              `Too many stop requests: at most ${options.perMinute} a minute per user. Try again in ${Math.max(1, Math.ceil(context.ttl / 1000))} s.`,
            ),
        },
      };
    });
    // The plugin makes one store per app (`new store(params)`) and asks it for a child per route:
    // always itself. Windows follow the app's clock.
    const { now, counts } = options;
    const store = class extends SharedStopStore {
      constructor() {
        super(now, counts);
      }
    };
    await app.register(rateLimit, { global: false, store });
  },
  { name: 'stop-rate-limit' },
);

/** RATE_LIMITED for a sign-in start: JSON for API clients, the sign-in failure page for a browser. */
function loginRateLimited(perMinute: number, ttlMs: number): ApiHttpError {
  const message = `Too many sign-in attempts from your address: at most ${perMinute} a minute. Try again in ${Math.max(1, Math.ceil(ttlMs / 1000))} s.`;
  const error = new ApiHttpError(429, 'RATE_LIMITED', message);
  error.htmlPage = (requestId) => signInFailedPage({ code: error.code, message, requestId, returnTo: '/' });
  return error;
}
