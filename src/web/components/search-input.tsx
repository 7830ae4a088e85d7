import { TextInput, type TextInputProps } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useImperativeHandle, useState, type Ref } from 'react';

export const SEARCH_DEBOUNCE_MS = 300;

/** Lets the filters drop a search still waiting for its pause (say, when "clear filters" is pressed). */
export interface PendingSearch {
  cancel: () => void;
}

interface SearchInputProps extends Omit<TextInputProps, 'value' | 'onChange' | 'type'> {
  /** The search in the URL. */
  value: string;
  /** The trimmed text, after a pause in typing. */
  onSearch: (value: string) => void;
  ref?: Ref<HTMLInputElement>;
  pendingRef?: Ref<PendingSearch>;
  /**
   * Enter or ↓ ('results': the search is applied at once) or Escape ('page') leave the field; with
   * this set, the page takes focus on to its results. Escape leaves the text as it is either way
   * (the browser's default would empty a search field).
   */
  onLeave?: (to: 'results' | 'page') => void;
}

/**
 * A text filter kept in the URL: the input answers every key press, the URL (and the request)
 * follows after a pause; when the URL changes from elsewhere (back button, "clear filters") the
 * input shows it.
 */
export function SearchInput({ value, onSearch, ref, pendingRef, onLeave, ...props }: SearchInputProps) {
  const [text, setText] = useState(value);
  const [synced, setSynced] = useState(value);
  const push = useDebouncedCallback((next: string) => onSearch(next.trim()), SEARCH_DEBOUNCE_MS);
  useImperativeHandle(pendingRef, () => ({ cancel: () => push.cancel() }), [push]);
  if (value !== synced) {
    setSynced(value);
    if (value !== text.trim()) setText(value);
  }
  return (
    <TextInput
      {...props}
      ref={ref}
      type="search"
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        push(event.currentTarget.value);
      }}
      onKeyDown={(event) => {
        if (event.nativeEvent.isComposing || event.ctrlKey || event.metaKey || event.altKey) return;
        if (event.key === 'Enter' || (event.key === 'ArrowDown' && onLeave)) {
          // Now, not after the pause: the operator asked for the results.
          push.cancel();
          const next = event.currentTarget.value.trim();
          if (next !== value) onSearch(next);
          if (onLeave) {
            event.preventDefault();
            onLeave('results');
          }
        } else if (event.key === 'Escape') {
          event.preventDefault();
          event.currentTarget.blur();
          onLeave?.('page');
        }
      }}
    />
  );
}
