import { useEffect, useRef, useState, type RefObject } from 'react';

/** Where a key press belongs to what has focus: typing, choosing, or a dialog. */
function isOwnedByFocus(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target.closest('input, textarea, select, [role="dialog"], [role="listbox"], [role="combobox"]')) return true;
  return false;
}

interface ListKeyboardOptions {
  /** The task ids of the rows shown, top to bottom. */
  taskIds: readonly string[];
  /** Where the rows are: the highlighted row's link receives focus so screen readers follow. */
  tableRef: RefObject<HTMLElement | null>;
  searchRef: RefObject<HTMLInputElement | null>;
  onOpen: (taskId: string) => void;
}

/**
 * The list's shortcuts: `/` focuses the search, `j`/`k` move to the next/previous row (its name
 * link takes focus), Enter opens the highlighted row. Never while typing in a field, inside a
 * dialog, or with Ctrl, Alt or Meta held.
 */
export function useListKeyboard({ taskIds, tableRef, searchRef, onOpen }: ListKeyboardOptions) {
  const [highlighted, setHighlighted] = useState<string | null>(null);
  const current = highlighted !== null && taskIds.includes(highlighted) ? highlighted : null;
  // The listener is added once; it reads the latest rows and callbacks through this ref.
  const latest = useRef({ taskIds, current, onOpen });
  useEffect(() => {
    latest.current = { taskIds, current, onOpen };
  });

  useEffect(() => {
    const move = (step: 1 | -1) => {
      const { taskIds: rows, current: at } = latest.current;
      if (rows.length === 0) return;
      const index = at === null ? (step === 1 ? 0 : rows.length - 1) : rows.indexOf(at) + step;
      const next = rows[Math.max(0, Math.min(rows.length - 1, index))]!;
      setHighlighted(next);
      const row = tableRef.current?.querySelector<HTMLElement>(`[data-task-id="${CSS.escape(next)}"]`);
      row?.querySelector<HTMLElement>('[data-task-link]')?.focus();
      row?.scrollIntoView?.({ block: 'nearest' });
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
      if (isOwnedByFocus(event.target)) return;
      if (event.key === '/') {
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      } else if ((event.key === 'j' || event.key === 'k') && !event.shiftKey) {
        event.preventDefault();
        move(event.key === 'j' ? 1 : -1);
      } else if (event.key === 'Enter' && !event.shiftKey) {
        // A focused link or button answers Enter itself (the highlighted row's link opens the task).
        if (event.target instanceof HTMLElement && event.target.closest('a, button')) return;
        const { current: at, onOpen: open } = latest.current;
        if (at === null) return;
        event.preventDefault();
        open(at);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [searchRef, tableRef]);

  return { highlightedId: current, setHighlightedId: setHighlighted };
}
