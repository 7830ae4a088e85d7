// The task events: every listener hears each event in order, one that throws is logged and does
// not keep the others from hearing it, and an unsubscribed listener hears nothing more.
import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import type { MigrationTask } from '../../api/migration-tasks';
import { TaskEvents } from './events';

const log = { error: vi.fn() } as unknown as FastifyBaseLogger & { error: ReturnType<typeof vi.fn> };
const task = { task_id: 't-1', status: 'FULLMIGRATING' } as MigrationTask;

describe('task events', () => {
  it('tells every listener of its event only; a failing listener is logged, the others still hear it', () => {
    const events = new TaskEvents();
    const heard: string[] = [];
    events.on('taskRead', () => {
      throw new Error('boom');
    });
    events.on('taskRead', ({ target, taskId, task: t }) => heard.push(`${target}/${taskId}/${t.status}`));
    events.on('statsRead', () => heard.push('stats'));
    events.emit('taskRead', { target: 'east', taskId: 't-1', task, reader: 'vera' }, log);
    expect(heard).toEqual(['east/t-1/FULLMIGRATING']);
    expect(log.error).toHaveBeenCalledWith(expect.objectContaining({ event: 'task_event.listener_failed', task_event: 'taskRead' }), expect.any(String));
  });

  it('an unsubscribed listener hears nothing more', () => {
    const events = new TaskEvents();
    const heard: string[] = [];
    const off = events.on('statsRead', ({ taskId }) => heard.push(taskId));
    events.emit('statsRead', { target: 'east', taskId: 'a', stats: {}, reader: 'vera' }, log);
    off();
    events.emit('statsRead', { target: 'east', taskId: 'b', stats: {}, reader: 'vera' }, log);
    expect(heard).toEqual(['a']);
  });
});
