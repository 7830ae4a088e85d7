// The zod-free rules the browser uses must say exactly what the schemas the server applies say.
import { describe, expect, it } from 'vitest';
import { consoleInstanceSchema, migrationTaskSchema, stopReasonSchema, taskIdSchema, targetIdSchema } from '..';
import { CONSOLE_INSTANCE_FIELDS, isTaskId, MIGRATION_TASK_FIELDS, STOP_REASON_FORBIDDEN, TARGET_ID_PATTERN } from '.';

describe('browser rules agree with the contract schemas', () => {
  it('names the same task and instance fields', () => {
    expect([...MIGRATION_TASK_FIELDS].sort()).toEqual(Object.keys(migrationTaskSchema.shape).sort());
    expect([...CONSOLE_INSTANCE_FIELDS].sort()).toEqual(Object.keys(consoleInstanceSchema.shape).sort());
  });

  it.each(['abc-123', 'A'.repeat(64), '', 'a'.repeat(65), 'a/b', 'a b', '../x', 'é'])('task id %j: same verdict', (id) => {
    expect(isTaskId(id)).toBe(taskIdSchema.safeParse(id).success);
  });

  it.each(['prod-1', 'a', 'A', '-a', 'a'.repeat(33), 'a_b'])('target id %j: same verdict', (id) => {
    expect(TARGET_ID_PATTERN.test(id)).toBe(targetIdSchema.safeParse(id).success);
  });

  it.each(['planned maintenance', 'line\nbreak', 'tab\there', 'bidi \u202E override', 'isolate \u2066', '中文原因'])(
    'stop reason %j: forbidden characters agree',
    (reason) => {
      expect(!STOP_REASON_FORBIDDEN.test(reason.trim())).toBe(stopReasonSchema.safeParse(reason).success);
    },
  );
});
