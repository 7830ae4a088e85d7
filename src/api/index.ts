export * from './audit';
export * from './batch-stop';
export * from './caught-up';
export * from './errors';
export * from './history';
export * from './logs';
export * from './migration-tasks';
export * from './readiness';
export * from './session';
export * from './targets';
// The status rules are part of the contract: one source of truth in src/dcs, re-exported here
// so the browser never imports the wire module that carries secrets.
export { canStop, isChanging, isSettled, statusPhase, stopUnavailableReason, STOPPABLE_STATUSES } from '../dcs/status';
export type { StatusPhase } from '../dcs/status';
