import { Button, Chip, Fieldset, Group, NativeSelect, Stack, VisuallyHidden } from '@mantine/core';
import { useRef, type Ref } from 'react';
import { LIST_SORTS, type ListSort } from '../../../../api/rules';
import { SearchInput, type PendingSearch } from '../../../components/search-input';
import { useT } from '../../../i18n';
import { statusLabel } from '../../../lib/status-display';
import { isChosen, statusChoices, toggleChoice, type StatusChoice } from '../lib/status-filter';
import './task-filters.css';

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
  /** Enter or ↓ in the search (to its results) or Escape (to the page). */
  onLeaveSearch?: (to: 'results' | 'page') => void;
}

const SORT_KEYS = {
  newest: 'sortNewest',
  oldest: 'sortOldest',
  changed: 'sortChanged',
  name_asc: 'sortNameAsc',
  name_desc: 'sortNameDesc',
  status: 'sortStatus',
} as const satisfies Record<ListSort, string>;

/**
 * A status choice as a chip: the plain-language name on screen, the raw values for screen readers
 * and on hover. A native checkbox underneath: one Tab stop each, Space toggles, nothing floating.
 */
function StatusChip({ choice, checked, onChange }: { choice: StatusChoice; checked: boolean; onChange: (on: boolean) => void }) {
  const t = useT('list');
  const raw = choice.adds.join(', ');
  return (
    <Chip size="xs" variant="outline" checked={checked} onChange={onChange} wrapperProps={{ title: raw }}>
      {choice.unknown ? (
        t('statusOptionUnknown', { value: choice.value })
      ) : (
        <>
          {statusLabel(choice.value)}{' '}
          <VisuallyHidden component="span">{t('statusOptionRaw', { value: raw })}</VisuallyHidden>
        </>
      )}
    </Chip>
  );
}

/**
 * Search, status and sort. The statuses are a row of chips (one per meaning: "Failed" covers FAILED
 * and MIGRATION_FAILED), each a checkbox with its label: nothing floating to download with the list.
 */
export function TaskFilters({ name, status, sort, onNameChange, onStatusChange, onSortChange, onClear, searchRef, onLeaveSearch }: TaskFiltersProps) {
  const t = useT('list');
  const pendingName = useRef<PendingSearch>(null);
  // Statuses this console does not know, from a link, stay visible so they can be removed.
  const choices = statusChoices(status);

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
          onLeave={onLeaveSearch}
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
      <Fieldset legend={t('statusLegend')} variant="unstyled" className="dcs-status-fieldset">
        <Group gap={6} wrap="wrap" mt={4} className="dcs-status-chips">
          {choices.map((choice) => (
            <StatusChip
              key={choice.value}
              choice={choice}
              checked={isChosen(choice, status)}
              onChange={(on) => onStatusChange(toggleChoice(choice, status, on))}
            />
          ))}
        </Group>
      </Fieldset>
    </Stack>
  );
}
