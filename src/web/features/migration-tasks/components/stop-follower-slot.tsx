import { lazy, Suspense } from 'react';
import { useStopEntries } from '../lib/stop-tracker';
import type * as FollowerModuleNs from './stop-follower';

// The follower (and the useQueries machinery it brings) is needed only once this tab has sent a
// stop, which always follows the download of a stop dialog: the dialogs' loaders fetch it beside
// themselves, so it is here before the first stop is tracked.
type FollowerModule = typeof FollowerModuleNs;
let loaded: FollowerModule | undefined;
let loading: Promise<FollowerModule> | undefined;

export function loadStopFollower(): Promise<FollowerModule> {
  loading ??= import('./stop-follower').then((m) => (loaded = m));
  return loading;
}

const LazyStopFollower = lazy(() => loadStopFollower().then((m) => ({ default: m.StopFollower })));

/** Mounts the StopFollower once this tab tracks a stop; it then stays, as the layout does. */
export function FollowStops() {
  const tracking = useStopEntries().size > 0;
  if (!tracking) return null;
  // Already loaded beside a dialog: mount it in this render, not after a suspension.
  const Loaded = loaded?.StopFollower;
  if (Loaded) return <Loaded />;
  return (
    <Suspense fallback={null}>
      <LazyStopFollower />
    </Suspense>
  );
}
