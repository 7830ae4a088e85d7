import { Button, Checkbox, Fieldset, Group, NativeSelect, Stack } from '@mantine/core';
import { useRef, type Ref } from 'react';
import { FILTER_STATUSES, KNOWN_STATUSES, LIST_SORTS, statusesMatching, type ListSort } from '../../../../api/rules';
import { SearchInput, type PendingSearch } from '../../../components/search-input';
import { useT } from '../../../i18n';
import { statusLabel } from '../lib/status-display';

interface TaskFiltersProps {
  name: string;
  status: string[];
  sort: ListSort | '';
  onNameChange: (name: string) => void;
  onStatusChange: (status: string[]) => void;
  onSortChange: (sort: ListSort | '') => void;
  onClear?: () => void;
  /** The search box, for the `/` shortcut. */
  searchRef?: Ref<HTMLInputElement>;
}

const SORT_KEYS = {
  newest: 'sortNewest',
  oldest: 'sortOldest',
  name_asc: 'sortNameAsc',
  name_desc: 'sortNameDesc',
  status: 'sortStatus',
} as const satisfies Record<ListSort, string>;

/**
 * Search, status and sort. The statuses are plain checkboxes: always visible, one Tab stop each,
 * Space toggles, and nothing floating (nor another component) to download with the list page.
 */
export function TaskFilters({ name, status, sort, onNameChange, onStatusChange, onSortChange, onClear, searchRef }: TaskFiltersProps) {
  const t = useT('list');
  const pendingName = useRef<PendingSearch>(null);

  const known = new Set<string>(KNOWN_STATUSES);
  // Statuses this console does not know, from a link, stay visible so they can be removed.
  const values = [...FILTER_STATUSES, ...status.filter((s) => !known.has(s))];
  // One box per meaning: INCRMIGEATING's box is ticked by a link with either spelling, and clears both.
  const ticked = (value: string) => statusesMatching(value).some((s) => status.includes(s));
  const untick = (value: string) => status.filter((s) => !statusesMatching(value).includes(s));

  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="md" wrap="wrap">
        <SearchInput
          ref={searchRef}
          pendingRef={pendingName}
          label={t('searchLabel')}
          placeholder={t('searchPlaceholder')}
          maxLength={128}
          aria-keyshortcuts="/"
          value={name}
          onSearch={onNameChange}
          w={{ base: '100%', sm: 280 }}
        />
        <NativeSelect
          label={t('sortLabel')}
          value={sort}
          onChange={(event) => onSortChange(event.currentTarget.value as ListSort | '')}
          data={[{ value: '', label: t('sortCloud') }, ...LIST_SORTS.map((value) => ({ value, label: t(SORT_KEYS[value]) }))]}
          w={{ base: '100%', sm: 220 }}
        />
        {onClear && (
          <Button
            variant="subtle"
            onClick={() => {
              pendingName.current?.cancel();
              onClear();
            }}
          >
            {t('clearFilters')}
          </Button>
        )}
      </Group>
      <Fieldset legend={t('statusLegend')} variant="unstyled">
        <Group gap="md" wrap="wrap" mt={4}>
          {values.map((value) => (
            <Checkbox
              key={value}
              size="xs"
              label={known.has(value) ? t('statusOption', { label: statusLabel(value), value }) : t('statusOptionUnknown', { value })}
              checked={ticked(value)}
              onChange={(event) => onStatusChange(event.currentTarget.checked ? [...status, value] : untick(value))}
            />
          ))}
        </Group>
      </Fieldset>
    </Stack>
  );
}
