import { useMergedRef } from '@mantine/hooks';
import type { Ref } from 'react';

/**
 * What Mantine's ScrollArea takes from `@floating-ui/react` (vite.config.ts points its import here):
 * one hook that merges refs. Every Mantine Table brings ScrollArea, so that import put all of
 * floating-ui (about 8 kB gzip, needed only by popovers on other pages) into the first download.
 */
export function useMergeRefs<T>(refs: ReadonlyArray<Ref<T> | undefined>) {
  return useMergedRef<T>(...refs);
}
