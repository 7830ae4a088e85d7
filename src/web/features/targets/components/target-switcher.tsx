import { Group, NativeSelect, Text } from '@mantine/core';
import { useNavigate } from 'react-router-dom';
import { useT } from '../../../i18n';
import { listPath } from '../../../lib/paths';
import { useTargets } from '../../../lib/targets';
import { useShownTarget } from '../../../lib/current-target';
import { TargetPlace } from './target-place';

/**
 * The DCS target (region + project) the pages show, and where it is. Choosing another opens that
 * target's task list, without the filters: they were about the other target's tasks. A native
 * select (keyboard and screen readers know it; no floating code in the first download), each
 * option naming its region (the project is shown beside). Pages about no one target (overview,
 * activity) show the last target used, or the first.
 */
export function TargetSwitcher() {
  const t = useT('targets');
  const navigate = useNavigate();
  const current = useShownTarget();
  const { data, isPending, isError } = useTargets();
  if (isPending) return <Text size="sm" c="dimmed">{t('loadingTargets')}</Text>;
  if (isError) return <Text size="sm" c="var(--mantine-color-error)">{t('targetsUnavailable')}</Text>;
  return (
    <Group gap="md" wrap="wrap" align="center" data-testid="target-switcher">
      <NativeSelect
        label={t('target')}
        size="xs"
        className="dcs-target-select"
        value={current?.id ?? ''}
        onChange={(event) => {
          const id = event.currentTarget.value;
          if (id && id !== current?.id) void navigate(listPath(id));
        }}
      >
        {!current && (
          <option value="" disabled>
            {t('chooseTarget')}
          </option>
        )}
        {data.targets.map((target) => (
          <option key={target.id} value={target.id}>
            {`${target.label} · ${target.region}`}
          </option>
        ))}
      </NativeSelect>
      {current && <TargetPlace target={current} />}
    </Group>
  );
}
