import { Button, Group, MultiSelect, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { STATUS_FILTER_OPTIONS } from '../lib/status-display';

export const SEARCH_DEBOUNCE_MS = 300;

interface TaskFiltersProps {
  name: string;
  status: string[];
  onNameChange: (name: string) => void;
  onStatusChange: (status: string[]) => void;
  onClear?: () => void;
}

export function TaskFilters({ name, status, onNameChange, onStatusChange, onClear }: TaskFiltersProps) {
  // The input answers every key press; the URL (and the request) follows after a pause.
  const [text, setText] = useState(name);
  const [syncedName, setSyncedName] = useState(name);
  const pushName = useDebouncedCallback((value: string) => onNameChange(value.trim()), SEARCH_DEBOUNCE_MS);
  if (name !== syncedName) {
    // The URL changed from elsewhere (back button, "clear filters"): show it.
    setSyncedName(name);
    if (name !== text.trim()) setText(name);
  }

  const known = new Set<string>(STATUS_FILTER_OPTIONS.map((o) => o.value));
  const data = [
    ...STATUS_FILTER_OPTIONS,
    ...status.filter((s) => !known.has(s)).map((s) => ({ value: s, label: `Unknown (${s})` })),
  ];

  return (
    <Group align="flex-end" gap="md" wrap="wrap">
      <TextInput
        label="Search by name"
        placeholder="Task name"
        type="search"
        maxLength={128}
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          pushName(event.currentTarget.value);
        }}
        w={{ base: '100%', sm: 280 }}
      />
      <MultiSelect
        label="Status"
        placeholder={status.length ? undefined : 'Any status'}
        data={data}
        value={status}
        onChange={onStatusChange}
        clearable
        searchable
        nothingFoundMessage="No such status"
        w={{ base: '100%', sm: 420 }}
        comboboxProps={{ withinPortal: true }}
      />
      {onClear && (
        <Button
          variant="subtle"
          onClick={() => {
            pushName.cancel();
            onClear();
          }}
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}
