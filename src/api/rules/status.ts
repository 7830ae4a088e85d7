// The status rules are part of the contract: one source of truth in src/dcs, re-exported once here
// (for src/api and src/api/rules alike) so the browser never imports the wire module that carries
// secrets.
export { canStop, isChanging, isIncrementalSync, isSettled, statusPhase, stopUnavailableReason, STOPPABLE_STATUSES, type StatusPhase } from '../../dcs/status';
