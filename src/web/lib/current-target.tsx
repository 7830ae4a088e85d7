// The target a page is about (`/targets/:targetId`): provided by the target route, read by every
// page and component under it. Pages about no one target (the overview, the activity) show the
// last target this tab used, else the first configured one (useShownTarget).
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useMatch } from 'react-router-dom';
import type { Target } from '../../api';
import { useTargets } from './targets';

const CurrentTargetContext = createContext<Target | null>(null);

/** Provided by the `/targets/:targetId` route once the id is known to be a configured target. */
export function CurrentTargetProvider({ target, children }: { target: Target; children: ReactNode }) {
  useEffect(() => rememberTarget(target.id), [target.id]);
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

// Per tab (sessionStorage): another tab may be about another target.
const LAST_TARGET_KEY = 'dcs-console.last-target';

function rememberTarget(targetId: string): void {
  try {
    window.sessionStorage.setItem(LAST_TARGET_KEY, targetId);
  } catch {
    // storage disabled: the pages about no one target show the first target
  }
}

function lastTargetId(): string | null {
  try {
    return window.sessionStorage.getItem(LAST_TARGET_KEY);
  } catch {
    return null;
  }
}

/**
 * The target the header shows: the URL's on a target page; elsewhere (overview, activity) the last
 * one this tab used, else the first configured. Undefined while the targets load, or when none is.
 */
export function useShownTarget(): Target | undefined {
  const targetId = useRouteTargetId();
  const { data } = useTargets();
  const targets = data?.targets ?? [];
  if (targetId !== undefined) return targets.find((t) => t.id === targetId);
  const last = lastTargetId();
  return targets.find((t) => t.id === last) ?? targets[0];
}
