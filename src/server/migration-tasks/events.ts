// What the migration-task routes tell other slices: an operator read a task's detail or stats, and
// what the console answered. Other slices (the progress history) subscribe here instead of reading
// replies. Listeners run synchronously, after the answer is known and before it is sent; one that
// throws is logged and does not fail the request or keep the others from hearing the event.
import type { FastifyBaseLogger } from 'fastify';
import type { MigrationTask, MigrationTaskStats } from '../../api/migration-tasks';

export interface TaskEventMap {
  /** `GET /api/migration-tasks/{id}` answered 200 with `task`; `reader`: who asked (principalKey). */
  taskRead: { target: string; taskId: string; task: MigrationTask; reader: string };
  /** `GET /api/migration-tasks/{id}/stats` answered 200 with `stats`; `reader`: who asked (principalKey). */
  statsRead: { target: string; taskId: string; stats: MigrationTaskStats; reader: string };
}

export type TaskEventName = keyof TaskEventMap;
/** `log`: the logger of the request the event happened in. */
export type TaskEventListener<K extends TaskEventName> = (event: TaskEventMap[K], log: FastifyBaseLogger) => void;

export class TaskEvents {
  private readonly listeners: { [K in TaskEventName]: TaskEventListener<K>[] } = { taskRead: [], statsRead: [] };

  /** Subscribes; returns the unsubscribe. */
  on<K extends TaskEventName>(name: K, listener: TaskEventListener<K>): () => void {
    const list = this.listeners[name] as TaskEventListener<K>[];
    list.push(listener);
    return () => {
      const index = list.indexOf(listener);
      if (index >= 0) list.splice(index, 1);
    };
  }

  emit<K extends TaskEventName>(name: K, event: TaskEventMap[K], log: FastifyBaseLogger): void {
    for (const listener of this.listeners[name] as TaskEventListener<K>[]) {
      try {
        listener(event, log);
      } catch (error) {
        log.error({ event: 'task_event.listener_failed', task_event: name, err: error }, 'a listener of a migration-task event failed');
      }
    }
  }
}
