// `GET /api/overview`: the demo overview (testing/mocks/overview.ts), built afresh for every answer
// from the mock db, or what a test set with `setOverview`.
import { http, HttpResponse } from 'msw';
import type { Overview } from '../../../../api';
import { db } from '../db';
import { buildOverview } from '../overview';

type Change = (overview: Overview) => Overview;
// Keyed by the mock db, so every test (which gets a fresh db) starts with the demo overview.
const perDb = new WeakMap<object, Change>();

/** Every later answer is the demo overview (as built at that moment) passed through `change`. */
export function setOverview(change: Change) {
  perDb.set(db, change);
}

export const overviewHandlers = [
  http.get('/api/overview', () => {
    const change = perDb.get(db) ?? ((overview: Overview) => overview);
    return HttpResponse.json(change(buildOverview()));
  }),
];
