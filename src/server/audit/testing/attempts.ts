// A stop attempt as the stop use case records it, for the store tests; each test overrides what it checks.
import type { AuditAttempt } from '../store';

export const auditAttempt = (over: Partial<AuditAttempt> = {}): AuditAttempt => ({
  user: 'alice',
  subject: 'sub-alice',
  target: 'east',
  task_id: 'task-1',
  task_name: 'orders cache',
  status_before: 'INCRMIGEATING',
  reason: 'wrong target',
  action: 'stop',
  batch_id: null,
  request_id: 'req-1',
  ...over,
});
