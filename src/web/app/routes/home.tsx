// `/`: the overview since it exists; before it, `/` was the default target's task list, so a `/`
// link carrying the list's params is an old list link and still opens that list.
import { lazy } from 'react';
import { useLocation } from 'react-router-dom';
import { listFilters } from '../../features/migration-tasks/lib/list-search-params';
import type { Field } from '../../lib/search-params';
import { DefaultTargetRedirect } from './default-target-redirect';

// Its own chunk: the overview's code and English are not in the first download.
const OverviewRoute = lazy(() => import('./overview').then((m) => ({ default: m.OverviewRoute })));

/** The task list's search params (name, status, page, size, sort). */
const LIST_PARAMS = (Object.values(listFilters.fields) as Field<unknown>[]).map((field) => field.param);

/** A link from before the overview, when `/` was the task list: it names one of the list's params. */
export function isListLink(search: string): boolean {
  const params = new URLSearchParams(search);
  return LIST_PARAMS.some((param) => params.has(param));
}

/** `/`: the overview; `/?status=…` and the like (old list links) still open the default target's list. */
export function HomeRoute() {
  const { search } = useLocation();
  return isListLink(search) ? <DefaultTargetRedirect /> : <OverviewRoute />;
}
