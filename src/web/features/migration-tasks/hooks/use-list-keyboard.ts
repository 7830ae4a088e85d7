import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { ownsKeys } from '../../../lib/keyboard';

const rowIn = (table: HTMLElement | null, taskId: string) => table?.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(taskId)}"]`);

interface ListKeyboardOptions {
  /** The task ids of the rows shown, top to bottom. */
  taskIds: readonly string[];
  /** The search these rows answer, and whether they are its answer (not the previous one's, still shown). */
  rowsFor: { search: string; ready: boolean };
  /** Where the rows are: the highlighted row's link receives focus so screen readers follow. */
  tableRef: RefObject<HTMLElement | null>;
  searchRef: RefObject<HTMLInputElement | null>;
  onOpen: (taskId: string) => void;
}

/**
 * The list's shortcuts: `/` focuses the search, `j`/`k` move to the next/previous row (its name
 * link takes focus), Enter opens the highlighted row, `s` opens its Stop dialog. Never while typing
 * in a field, inside a dialog, or with Ctrl, Alt or Meta held. From the search, `toResults(search)`
 * (Enter or ↓ there) moves to the first row once the rows answer that search.
 */
export function useListKeyboard({ taskIds, rowsFor, tableRef, searchRef, onOpen }: ListKeyboardOptions) {
  const [highlighted, setHighlighted] = useState<string | null>(null);
  // The search whose first row takes focus when its answer is shown (Enter in the search box).
  const firstRowOf = useRef<string | null>(null);
  const current = highlighted !== null && taskIds.includes(highlighted) ? highlighted : null;
  // The listener is added once; it reads the latest rows and callbacks through this ref.
  const latest = useRef({ taskIds, current, onOpen, rowsFor });
  useEffect(() => {
    latest.current = { taskIds, current, onOpen, rowsFor };
  });

  const highlight = useCallback(
    (taskId: string) => {
      setHighlighted(taskId);
      const row = rowIn(tableRef.current, taskId);
      row?.querySelector<HTMLElement>('[data-task-link]')?.focus();
      row?.scrollIntoView?.({ block: 'nearest' });
    },
    [tableRef],
  );

  const firstId = taskIds[0];
  const focusFirstRowOf = useCallback(
    (search: string, rows: { search: string; ready: boolean }, first: string | undefined) => {
      if (search !== rows.search || !rows.ready) return false;
      firstRowOf.current = null;
      // No match: focus stays in the search, where the operator can type again.
      if (first !== undefined) highlight(first);
      return true;
    },
    [highlight],
  );
  useEffect(() => {
    if (firstRowOf.current !== null) focusFirstRowOf(firstRowOf.current, rowsFor, firstId);
  }, [rowsFor, firstId, focusFirstRowOf]);
  /** Enter or ↓ in the search: the first row of that search's answer, now or once it is shown. */
  const toResults = useCallback(
    (search: string) => {
      const { rowsFor: rows, taskIds: ids } = latest.current;
      if (!focusFirstRowOf(search, rows, ids[0])) firstRowOf.current = search;
    },
    [focusFirstRowOf],
  );

  useEffect(() => {
    const move = (step: 1 | -1) => {
      const { taskIds: rows, current: at } = latest.current;
      if (rows.length === 0) return;
      const index = at === null ? (step === 1 ? 0 : rows.length - 1) : rows.indexOf(at) + step;
      highlight(rows[Math.max(0, Math.min(rows.length - 1, index))]!);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (ownsKeys(event.target)) return;
      const at = latest.current.current;
      if (event.key === '/') {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if ((event.key === 'j' || event.key === 'k') && !event.shiftKey) {
        event.preventDefault();
        move(event.key === 'j' ? 1 : -1);
      } else if (event.key === 's' && !event.shiftKey && at !== null) {
        // The row's own Stop button: the same checks, dialog and focus return as a click.
        const stop = rowIn(tableRef.current, at)?.querySelector<HTMLButtonElement>('[data-testid="stop-button"]');
        if (!stop || stop.disabled) return;
        event.preventDefault();
        stop.click();
      } else if (event.key === 'Enter' && !event.shiftKey) {
        // A focused link, button or control answers Enter itself (the highlighted row's link opens the task).
        if (event.target instanceof HTMLElement && event.target.closest('a, button, input, select')) return;
        if (at === null) return;
        event.preventDefault();
        latest.current.onOpen(at);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [searchRef, tableRef, highlight]);

  return { highlightedId: current, setHighlightedId: setHighlighted, toResults };
}
