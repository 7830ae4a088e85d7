// One record of what the operator was already told about a stop-when-caught-up watch, shared by
// every place that notices its end (the task page's 2-s read, the app-level list poll), so an
// ending is announced once per watch and final state. Kept per tab (sessionStorage).
const TOLD_KEY = 'dcs-console.caught-up-told';
/** The targets where this browser saw an active watch: the app-level poll resumes there after a reload. */
export const CAUGHT_UP_SEEN_KEY = 'dcs-console.caught-up-seen';

function readList(storage: Storage, key: string): string[] {
  try {
    const value: unknown = JSON.parse(storage.getItem(key) ?? '[]');
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

function writeList(storage: Storage, key: string, list: string[]) {
  try {
    if (list.length) storage.setItem(key, JSON.stringify(list));
    else storage.removeItem(key);
  } catch {
    // storage disabled: the record lasts for this page only
  }
}

const toldThisPage = new Set<string>();

/** True the first time a watch's final state is told; false ever after (in this tab). */
export function firstTimeTold(watchId: string, state: string): boolean {
  const key = `${watchId}:${state}`;
  const told = readList(window.sessionStorage, TOLD_KEY);
  if (toldThisPage.has(key) || told.includes(key)) return false;
  toldThisPage.add(key);
  writeList(window.sessionStorage, TOLD_KEY, [...told, key].slice(-100));
  return true;
}

export const seenTargets = (): string[] => readList(window.localStorage, CAUGHT_UP_SEEN_KEY);

export function rememberSeenTargets(targets: string[]) {
  writeList(window.localStorage, CAUGHT_UP_SEEN_KEY, targets);
}
