// Request validation shared by the route files of every slice: a query against its schema, a task id
// from the path, and one way to turn zod's issues into a 400 (INVALID_QUERY / INVALID_BODY) with details.
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { taskIdSchema } from '../../api/migration-tasks';
import { showInvisible } from '../../api/text';
import { ApiHttpError } from '../errors';

export type TaskRequest = FastifyRequest<{ Params: { taskId: string } }>;

export function parseTaskId(request: TaskRequest): string {
  const parsed = taskIdSchema.safeParse(request.params.taskId);
  if (!parsed.success) {
    throw new ApiHttpError(400, 'INVALID_TASK_ID', 'The task id may contain only letters, digits and "-", 1 to 64 characters.');
  }
  return parsed.data;
}

/** Parses a query against its schema, refusing parameters the route does not know. */
export function parseQuery<S extends z.ZodObject>(schema: S, raw: unknown): z.infer<S> {
  // Names quoted back (and logged) with invisible characters as code points: they are the sender's text.
  const unknownKeys = Object.keys(raw as object)
    .filter((key) => !Object.hasOwn(schema.shape, key))
    .map(showInvisible);
  if (unknownKeys.length > 0) {
    throw new ApiHttpError(400, 'INVALID_QUERY', `Unknown query parameter: ${unknownKeys.join(', ').slice(0, 200)}.`, {
      details: unknownKeys.slice(0, 10).map((field) => ({ field: field.slice(0, 64), problem: 'not a parameter of this route' })),
    });
  }
  // `?limit=1&limit=2` arrives as an array: say so, rather than what the schema makes of it.
  const repeated = Object.entries(raw as object).filter(([, value]) => Array.isArray(value)).map(([key]) => key);
  if (repeated.length > 0) {
    throw new ApiHttpError(400, 'INVALID_QUERY', `Query parameter given more than once: ${repeated.join(', ').slice(0, 200)}.`, {
      details: repeated.slice(0, 10).map((field) => ({ field, problem: 'given more than once' })),
    });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw invalidInput('INVALID_QUERY', 'Invalid query', parsed.error);
  return parsed.data;
}

/** A 400 listing up to ten of zod's issues, each as `field (problem)`; `what` opens the message. */
export function invalidInput(code: 'INVALID_QUERY' | 'INVALID_BODY', what: string, error: z.ZodError): ApiHttpError {
  // Field names and zod's own messages may quote the sender's keys ("Unrecognized key").
  const details = error.issues
    .slice(0, 10)
    .map((issue) => ({ field: showInvisible(issue.path.join('.')) || '(body)', problem: showInvisible(issue.message) }));
  return new ApiHttpError(400, code, `${what}: ${details.map((d) => `${d.field} (${d.problem})`).join('; ')}.`, { details });
}
