import { Navigate, useLocation, useParams } from 'react-router-dom';
import { TargetsGate } from '../../features/targets/components/targets-gate';
import { listPath, taskPath } from '../../lib/paths';

/**
 * Links from before targets and the overview (`/?status=…`, `/tasks/:taskId`): the same page on the
 * first (default) target, replacing the history entry and keeping the query string.
 */
export function DefaultTargetRedirect() {
  const { taskId } = useParams();
  const location = useLocation();
  return (
    <TargetsGate>
      {([first]) => {
        const targetId = first!.id;
        const pathname = taskId === undefined ? listPath(targetId) : taskPath(targetId, taskId);
        return <Navigate replace to={{ pathname, search: location.search, hash: location.hash }} state={location.state} />;
      }}
    </TargetsGate>
  );
}
