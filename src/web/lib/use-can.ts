import type { Action } from '../../api';
import { useSession } from './session';

/** Whether the session allows an action. False while the session is loading or failed. */
export function useCan(action: Action): boolean {
  const { data } = useSession();
  return data?.allowed_actions.includes(action) ?? false;
}
