import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { MigrationTask } from '../../../../api';
import { getMigrationTaskQueryOptions } from '../api/get-migration-task';
import type { TaskRef } from '../api/query-keys';

/**
 * At least this long between a failed stop and Stop being offered again, however fast the re-read:
 * the second click of a double click must not become a second stop.
 */
export const STOP_AGAIN_HOLD_MS = 1_000;

export type Reread =
  | { state: 'idle' }
  | { state: 'reading' }
  | { state: 'read'; task: MigrationTask }
  | { state: 'failed' };

/**
 * After a failed stop, reads the task again (the stop may have been applied after all) and says
 * when that answer has arrived; only then may the dialog offer Stop again.
 */
export function useRereadAfterFailedStop({ targetId, taskId }: TaskRef) {
  const queryClient = useQueryClient();
  const [reread, setReread] = useState<Reread>({ state: 'idle' });
  // Answers of a re-read that was reset (dialog closed, new attempt) are dropped.
  const generation = useRef(0);
  useEffect(() => () => void generation.current++, []);

  const start = useCallback(async () => {
    const mine = ++generation.current;
    setReread({ state: 'reading' });
    const hold = new Promise((resolve) => setTimeout(resolve, STOP_AGAIN_HOLD_MS));
    // Joins the read the failed stop already started, if any; staleTime 0: never the cached copy.
    const read = queryClient.fetchQuery({ ...getMigrationTaskQueryOptions({ targetId, taskId }), staleTime: 0 }).then(
      (task): Reread => ({ state: 'read', task }),
      (): Reread => ({ state: 'failed' }),
    );
    const [result] = await Promise.all([read, hold]);
    if (generation.current === mine) setReread(result);
  }, [queryClient, targetId, taskId]);

  const reset = useCallback(() => {
    generation.current++;
    setReread({ state: 'idle' });
  }, []);

  return { reread, start, reset };
}
