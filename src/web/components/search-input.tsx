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
}

/**
 * A text filter kept in the URL: the input answers every key press, the URL (and the request)
 * follows after a pause; when the URL changes from elsewhere (back button, "clear filters") the
 * input shows it.
 */
export function SearchInput({ value, onSearch, ref, pendingRef, ...props }: SearchInputProps) {
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
    />
  );
}
