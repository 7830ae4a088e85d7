const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'number', 'password', 'tel', 'url', 'date', 'datetime-local', 'time', 'month', 'week']);

/**
 * Whether a key press belongs to what has focus rather than to the page's shortcuts: typing in a
 * text field, choosing in an open list, anything inside a dialog. A checkbox, a chip or a closed
 * native select does not own letters: there `j` moves through the list instead of picking a sort.
 */
export function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type)) return true;
  return target.closest('[role="dialog"], [role="listbox"], [role="combobox"], [role="menu"]') !== null;
}
