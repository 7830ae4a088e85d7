// The migration-tasks slice: list, detail, stats, logs, stop and batch stop. It declares what it
// needs: the targets (each with its service), the audit trail its stops are recorded in, and the
// task events it tells other slices about (the progress history listens to them).
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { migrationTaskRoutes, type MigrationTaskDeps } from './routes';

export type MigrationTasksPluginOptions = MigrationTaskDeps;

export const migrationTasksPlugin = fp(
  async function migrationTasks(app: FastifyInstance, options: MigrationTasksPluginOptions) {
    await app.register(migrationTaskRoutes(options));
  },
  { name: 'migration-tasks', dependencies: ['auth'] },
);
