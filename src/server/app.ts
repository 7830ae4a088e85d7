// buildApp(options) returns the console's Fastify app: tests drive it with app.inject(), the
// entry point (main.ts) listens with it. It composes the HTTP edge, auth, and one plugin per slice,
// each registered the same way with the options it declares.
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { systemClock, type Clock } from '../dcs/clock';
import { Alerts, type AlertOptions } from './alerts/alerts';
import { alertsPlugin } from './alerts/plugin';
import { AuditFeed } from './audit/audit-feed';
import { auditPlugin } from './audit/plugin';
import type { AuditStore } from './audit/store';
import { authPlugin } from './auth/plugin';
import { openSqliteSessionStore, type SessionStore } from './auth/session-store';
import { caughtUpPlugin, type CaughtUpOptions } from './caught-up/plugin';
import { demoAuthConfig, type AuthConfig } from './config';
import { healthPlugin } from './health/plugin';
import type { ReadinessOptions } from './health/readiness';
import type { SamplerOptions } from './history/background-sampler';
import { HistoryCluster } from './history/cluster';
import { openProgressHistory } from './history/history-store';
import type { SharedHistoryStore } from './history/shared-store';
import { historyPlugin } from './history/plugin';
import { errorsPlugin } from './http/error-handler';
import { hostGuardPlugin } from './http/host-guard';
import { metricsPlugin, metricsRoutes } from './http/metrics';
import { clientErrorHandler, securityPlugin } from './http/security';
import { spaPlugin } from './http/spa';
import { frameworkErrorHandler, rewriteUndecodablePath } from './http/url-guard';
import { AccessLogController, loggerOptions } from './logger';
import { ConsoleMetrics } from './metrics';
import { TaskEvents } from './migration-tasks/events';
import { migrationTasksPlugin } from './migration-tasks/plugin';
import { overviewPlugin } from './overview/plugin';
import { TaskMetrics } from './overview/task-metrics';
import { openSqliteStatusRecord, type StatusRecordStore } from './overview/status-record';
import { TaskObserver } from './overview/task-observer';
import { targetsPlugin } from './targets/plugin';
import { TargetRegistry, type AppTarget } from './targets/registry';

export interface AppOptions {
  /**
   * The DCS targets (region + project), the first being the default. Each is reached over HTTP
   * with signed requests, whether it is the cloud or a simulator; the app cannot tell.
   */
  targets: AppTarget[];
  /** Folder of the built SPA (dist/web); null serves the API only. */
  staticDir: string | null;
  /** Where stop attempts are recorded; the app closes it when it closes. */
  audit: AuditStore;
  /** oidc sessions and stop rate-limit counts (shared by instances on one database); default in memory. The app closes it. */
  sessions?: SessionStore;
  logLevel?: string;
  logStream?: DestinationStream;
  /** Sign-in mode, roles, session secret, rate limits, metrics token; default AUTH_MODE=none (local demo). */
  auth?: AuthConfig;
  /** GET /readyz: how long a verdict is cached, how long a probe may take. */
  readiness?: ReadinessOptions;
  /**
   * Progress history: where it survives restarts (DATA_DIR/history.db; unset: memory only), or the
   * store several instances share (DATABASE_URL; the app closes it), its clock and the background
   * sampler's interval (tests).
   */
  history?: { dataDir?: string; now?: () => number; sampler?: SamplerOptions; shared?: SharedHistoryStore };
  /** Stop-when-caught-up: where watches are kept (DATA_DIR/caught-up.db), clock, poll tick (tests). */
  caughtUp?: CaughtUpOptions;
  /**
   * Alerts by webhook (ALERT_*, the targets file's `alerts`): the webhooks, the outbox (main.ts passes
   * DATA_DIR/alerts.db or DATABASE_URL's; default in memory; the app closes it), the delivery interval
   * (0: tests call app.alerts.tick()). Unset or no webhook: no alerts.
   */
  alerts?: AlertOptions;
  /**
   * Overview: how often each target's task list is read, ms (default OVERVIEW_SCAN_INTERVAL_S; 0: no
   * timer, tests call app.taskObserver.tick()), and the record of task statuses (main.ts passes
   * DATA_DIR/status.db or DATABASE_URL's; default in memory; the app closes it).
   */
  overview?: { intervalMs?: number; record?: StatusRecordStore };
  /**
   * The time every part of the app reads (signatures, history, watches) unless an option above
   * names its own; default the system clock. Tests share one ManualClock with the simulator.
   */
  clock?: Clock;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const auth = options.auth ?? demoAuthConfig();
  const app = Fastify({
    logger: loggerOptions(options.logLevel ?? 'info', options.logStream),
    logController: new AccessLogController(),
    // X-Forwarded-* (client address, protocol, host) only from the configured proxies.
    trustProxy: auth.proxy ? auth.proxy.trusted : false,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 64 * 1024,
    // Longer than any request line Node accepts (16 KiB headers): an over-long task id reaches its
    // route and is refused there as INVALID_TASK_ID, like any other bad id.
    routerOptions: { maxParamLength: 16 * 1024 },
    rewriteUrl: rewriteUndecodablePath,
    frameworkErrors: frameworkErrorHandler,
    // close() (SIGTERM) closes idle keep-alive connections at once and lets requests in flight finish.
    forceCloseConnections: 'idle',
    // What Node refuses before routing (headers over 16 KiB: 431) still gets the security headers.
    clientErrorHandler: clientErrorHandler(auth),
  });
  // JSON bodies only: text/plain is refused like XML or a form (415 INVALID_BODY), not read as a string.
  app.removeContentTypeParser('text/plain');
  const metrics = new ConsoleMetrics();
  const clock = options.clock ?? systemClock;
  const targets = new TargetRegistry(
    // Only a test's clock: without one the client signs with the system clock and ages its cache on a monotonic one.
    options.targets.map((t) => ({ ...t, dcs: options.clock ? { clock: options.clock, ...t.dcs } : t.dcs })),
    metrics,
  );
  app.addHook('onClose', async () => targets.close());
  app.addHook('onClose', async () => options.audit.close());
  const sessions = options.sessions ?? openSqliteSessionStore(':memory:', auth.session);
  app.addHook('onClose', async () => sessions.close());
  // Shutting down: answers still in flight close their connection, so close() need not wait for
  // keep-alive connections to time out.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) void reply.header('connection', 'close');
    return payload;
  });

  // The HTTP edge: metrics, the error shape, security headers, the Host allow-list, cookies, then who is asking (the
  // route guards below rely on it; its preParsing hook is the one CSRF check, its onRoute hook the
  // stop rate limit of routes that declare it).
  await app.register(metricsPlugin, { metrics });
  await app.register(errorsPlugin);
  await app.register(securityPlugin, { auth });
  await app.register(hostGuardPlugin, { auth });
  await app.register(fastifyCookie);
  await app.register(authPlugin, { auth, now: clock, targets, sessions });
  await app.register(metricsRoutes, { token: auth.metricsToken });

  // The slices, each given what its plugin declares it needs. The migration-tasks slice tells the
  // progress history of every detail and stats answer through the task events.
  const events = new TaskEvents();
  // Every finished audit record (stops, batch stops, watches) is told to the feed's listeners.
  const auditFeed = new AuditFeed(app.log);
  const audit = auditFeed.observe(options.audit);
  const progress = openProgressHistory({ now: clock, ...options.history }, app.log);
  const cluster = options.history?.shared ? new HistoryCluster(options.history.shared, progress, () => targets.ids, app.log) : null;
  if (cluster) progress.useShard(cluster);
  // Each target's tasks as last read (overview, alerts, task metrics): one list scan per target per interval.
  const statusRecord = options.overview?.record ?? openSqliteStatusRecord(':memory:');
  const taskObserver = new TaskObserver({ targets, now: clock, log: app.log, intervalMs: options.overview?.intervalMs, record: statusRecord });
  // The overview plugin's preClose has closed the observer (its last writes done) by then.
  app.addHook('onClose', async () => statusRecord.close());
  // Per-task gauges on /metrics, computed at each scrape from the observer, the history and the stops seen.
  const taskMetrics = new TaskMetrics(metrics, { observations: taskObserver, history: progress, auditFeed, targets: () => targets.ids, now: clock });
  app.addHook('onClose', async () => taskMetrics.close());
  options.history?.shared?.useLog(app.log);
  // Failed tasks, stops and watches told to webhooks, from the audit feed and the observer, through an outbox.
  const alerts = Alerts.open(options.alerts, { metrics, log: app.log, now: clock });
  await app.register(alertsPlugin, { alerts, feed: auditFeed, observer: taskObserver });
  await app.register(healthPlugin, { targets, readiness: options.clock ? { now: options.clock, ...options.readiness } : options.readiness, metricsToken: auth.metricsToken, store: options.audit, alerts });
  await app.register(targetsPlugin, { targets });
  await app.register(migrationTasksPlugin, { targets, audit, events, statusSince: taskObserver });
  await app.register(auditPlugin, { audit });
  await app.register(historyPlugin, { targets, history: progress, events, sampler: options.history?.sampler, cluster });
  await app.register(caughtUpPlugin, { targets, audit, history: progress, now: clock, ...options.caughtUp });
  await app.register(overviewPlugin, { targets, observer: taskObserver, history: progress, now: clock });
  await app.register(spaPlugin, { root: options.staticDir });
  return app;
}
