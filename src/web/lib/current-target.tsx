// The target a page is about (`/targets/:targetId`): provided by the target route, read by every
// page and component under it.
import { createContext, useContext, type ReactNode } from 'react';
import { useMatch } from 'react-router-dom';
import type { Target } from '../../api';
import { useTargets } from './targets';

const CurrentTargetContext = createContext<Target | null>(null);

/** Provided by the `/targets/:targetId` route once the id is known to be a configured target. */
export function CurrentTargetProvider({ target, children }: { target: Target; children: ReactNode }) {
  return <CurrentTargetContext.Provider value={target}>{children}</CurrentTargetContext.Provider>;
}

/** The target the page is about. Only inside `/targets/:targetId`, where the id has been checked. */
export function useCurrentTarget(): Target {
  const target = useContext(CurrentTargetContext);
  if (!target) throw new Error('useCurrentTarget needs a CurrentTargetProvider (a /targets/:targetId page)');
  return target;
}

/** The target id in the URL, read from anywhere (the header sits above the target routes). */
export function useRouteTargetId(): string | undefined {
  return useMatch({ path: '/targets/:targetId', end: false })?.params.targetId;
}

/** The configured target the URL names, if the targets are loaded and the id is one of them. */
export function useRouteTarget(): Target | undefined {
  const targetId = useRouteTargetId();
  const { data } = useTargets();
  return targetId === undefined ? undefined : data?.targets.find((t) => t.id === targetId);
}
