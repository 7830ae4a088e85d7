import { Group, Select, Stack, Text } from '@mantine/core';
import { useNavigate } from 'react-router-dom';
import { listPath } from '../../../lib/paths';
import { useTargets } from '../api/get-targets';
import { useRouteTargetId } from '../lib/current-target';
import { TargetPlace } from './target-place';

/**
 * The DCS target (region + project) the pages show, and where it is. Choosing another opens that
 * target's task list, without the filters: they were about the other target's tasks.
 */
export function TargetSwitcher() {
  const navigate = useNavigate();
  const targetId = useRouteTargetId();
  const { data, isPending, isError } = useTargets();
  if (isPending) return <Text size="sm" c="dimmed">Loading targets…</Text>;
  if (isError) return <Text size="sm" c="red.8">Targets unavailable</Text>;

  const current = data.targets.find((t) => t.id === targetId);
  const byId = new Map(data.targets.map((t) => [t.id, t]));
  return (
    <Group gap="md" wrap="wrap" align="center" data-testid="target-switcher">
      <Select
        label="Target"
        size="xs"
        w={220}
        placeholder="Choose a target"
        data={data.targets.map((t) => ({ value: t.id, label: t.label }))}
        value={current?.id ?? null}
        allowDeselect={false}
        onChange={(id) => {
          if (id && id !== current?.id) void navigate(listPath(id));
        }}
        renderOption={({ option }) => {
          const target = byId.get(option.value);
          return (
            <Stack gap={0}>
              <Text size="sm">{option.label}</Text>
              {target && (
                <Text size="xs" c="dimmed">
                  {target.region} · {target.project_id}
                </Text>
              )}
            </Stack>
          );
        }}
        comboboxProps={{ withinPortal: true }}
      />
      {current && <TargetPlace target={current} />}
    </Group>
  );
}
