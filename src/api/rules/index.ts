// Everything of the contract the browser needs at run time: constants, patterns and the status
// rules. Free of zod so the browser bundle stays light; the browser takes types from `src/api`
// with `import type` (eslint enforces both).
export * from './audit';
export * from './caught-up';
export * from './errors';
export * from './history';
export * from './migration-tasks';
export * from './session';
export * from './targets';
export * from './status';
export * from './text';
export * from './overview';
