// Loaded on demand once browser notifications are on: watches the console's stop-when-caught-up
// watches for this tab and tells the operator when one ends. Renders nothing.
import { useActiveWatchesPoll, useCaughtUpEndings } from '../hooks/use-caught-up-endings';
import type { CaughtUpWatch } from '../../../../api';

function TargetPoll({ targetId, active, done }: { targetId: string; active: Map<string, CaughtUpWatch>; done: (targetId: string) => void }) {
  useActiveWatchesPoll(targetId, active, done);
  return null;
}

export function CaughtUpEndings() {
  const { targets, active, done } = useCaughtUpEndings();
  return targets.map((targetId) => <TargetPoll key={targetId} targetId={targetId} active={active.current} done={done} />);
}
