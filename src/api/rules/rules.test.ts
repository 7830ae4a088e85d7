// The zod-free rules the browser uses must say exactly what the schemas the server applies say.
import { describe, expect, it } from 'vitest';
import { auditQuerySchema, consoleInstanceSchema, listQuerySchema, migrationTaskSchema, showInvisible, stopReasonSchema, taskIdSchema, targetIdSchema } from '..';
import { CONSOLE_INSTANCE_FIELDS, findInvisible, isTaskId, MIGRATION_TASK_FIELDS, TARGET_ID_PATTERN } from '.';

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

  const texts = ['planned maintenance', 'line\nbreak', 'tab\there', ' edges\n', 'bidi \u202E override', 'isolate \u2066', 'ls\u2028', '\uFEFFbom', 'zw\u200Bsp', '中文原因', '👩\u200D💻 done', 'café'];
  // Titles show invisible characters by code point.
  const cases = texts.map((text) => [JSON.stringify(showInvisible(text)), text] as const);
  it.each(cases)('stop reason %s: the same verdict', (_title, reason) => {
    expect(findInvisible(reason, true) === null).toBe(stopReasonSchema.safeParse(reason).success);
  });

  it.each(cases)('search terms %s: the same verdict, ends included', (_title, text) => {
    expect(findInvisible(text) === null).toBe(listQuerySchema.safeParse({ name: text }).success);
    expect(findInvisible(text) === null).toBe(auditQuerySchema.safeParse({ user: text }).success);
  });
});
