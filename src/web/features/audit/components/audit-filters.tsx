import { Button, Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useId, useState } from 'react';
import { SearchInput } from '../../../components/search-input';
import { AUDIT_TASK_NAME_MAX, AUDIT_USER_MAX } from '../../../../api/rules';
import { useTargets } from '../../../lib/targets';
import type { AuditRange } from '../api/query-keys';
import {
  fromLocalInput,
  toLocalInput,
  type AuditFilterProblems,
  type AuditFilters as Filters,
} from '../lib/audit-search-params';
import { useAuditT } from '../lib/english';
import './audit-filters.css';

type TimeChoice = AuditRange | '' | 'custom';

const TIME_CHOICES = [
  { value: '', labelKey: 'anyTime' },
  { value: '1h', labelKey: 'lastHour' },
  { value: '24h', labelKey: 'last24h' },
  { value: '7d', labelKey: 'last7d' },
  { value: 'custom', labelKey: 'custom' },
] as const satisfies readonly { value: TimeChoice; labelKey: string }[];

interface AuditFiltersProps {
  filters: Filters;
  problems: AuditFilterProblems;
  onChange: (patch: Partial<Filters>) => void;
  onClear?: () => void;
}

export function AuditFilters({ filters, problems, onChange, onClear }: AuditFiltersProps) {
  const t = useAuditT();
  const { data: targets } = useTargets();
  const timeLabelId = useId();
  const fixed = Boolean(filters.since || filters.until);
  // "Custom" with both inputs still empty is not in the URL yet: remember the choice here.
  const [customOpen, setCustomOpen] = useState(fixed);
  const time: TimeChoice = filters.range || (fixed || customOpen ? 'custom' : '');

  const targetOptions = (targets?.targets ?? []).map((t) => ({ value: t.id, label: t.label }));
  if (filters.target && !targetOptions.some((o) => o.value === filters.target)) {
    targetOptions.push({ value: filters.target, label: t('unknownTarget', { id: filters.target }) });
  }

  return (
    <Stack gap="sm">
      <Group align="flex-start" gap="md" wrap="wrap">
        <SearchInput
          label={t('taskId')}
          placeholder={t('taskIdPlaceholder')}
          value={filters.taskId}
          maxLength={64}
          error={problems.taskId}
          onSearch={(taskId) => onChange({ taskId })}
          w={{ base: '100%', sm: 260 }}
        />
        <SearchInput
          label={t('taskName')}
          placeholder={t('taskNamePlaceholder')}
          description={t('taskNameDescription')}
          value={filters.taskName}
          maxLength={AUDIT_TASK_NAME_MAX}
          error={problems.taskName}
          onSearch={(taskName) => onChange({ taskName })}
          w={{ base: '100%', sm: 260 }}
        />
        <SearchInput
          label={t('user')}
          placeholder={t('userPlaceholder')}
          description={t('userDescription')}
          value={filters.user}
          maxLength={AUDIT_USER_MAX}
          error={problems.user}
          onSearch={(user) => onChange({ user })}
          w={{ base: '100%', sm: 260 }}
        />
        <Select
          label={t('target')}
          placeholder={t('anyTarget')}
          data={targetOptions}
          value={filters.target || null}
          onChange={(target) => onChange({ target: target ?? '' })}
          clearable
          w={{ base: '100%', sm: 240 }}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>
      <Group align="flex-end" gap="md" wrap="wrap">
        <Stack gap={4} className="dcs-audit-time">
          <Text size="sm" fw={500} id={timeLabelId}>
            {t('time')}
          </Text>
          <SegmentedControl
            aria-labelledby={timeLabelId}
            data={TIME_CHOICES.map(({ value, labelKey }) => ({ value, label: t(labelKey) }))}
            value={time}
            onChange={(value) => {
              const choice = value as TimeChoice;
              setCustomOpen(choice === 'custom');
              if (choice === 'custom') onChange({ range: '' });
              else onChange({ range: choice, since: '', until: '' });
            }}
            className="dcs-audit-time-choices"
            classNames={{ control: 'dcs-audit-time-choice' }}
          />
        </Stack>
        {time === 'custom' && (
          <>
            <TextInput
              label={t('since')}
              type="datetime-local"
              value={toLocalInput(filters.since)}
              onChange={(event) => onChange({ range: '', since: fromLocalInput(event.currentTarget.value) })}
              w={{ base: '100%', sm: 220 }}
            />
            <TextInput
              label={t('until')}
              type="datetime-local"
              value={toLocalInput(filters.until)}
              error={problems.until}
              onChange={(event) => onChange({ range: '', until: fromLocalInput(event.currentTarget.value) })}
              w={{ base: '100%', sm: 220 }}
            />
          </>
        )}
        {onClear && (
          <Button
            variant="subtle"
            onClick={() => {
              setCustomOpen(false);
              onClear();
            }}
          >
            {t('clearFilters')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
