import { Text, VisuallyHidden } from '@mantine/core';
import { RelativeTime } from '../../../components/date-time';
import { useT } from '../../../i18n';
import { MISSING } from '../../../lib/format';

/**
 * When the task's status last changed, by the console's own record (the cloud keeps no such time):
 * the change as seen; "≥" a time (that long ago or more) when the console only ever read the task in this status (the
 * change was earlier); a dash while the record has not read this status yet.
 */
export function LastChanged({ since, seen }: { since: string | null | undefined; seen: boolean | undefined }) {
  const t = useT('list');
  if (!since) {
    return (
      <Text span size="sm" c="dimmed" title={t('changedUnknown')} data-testid="last-changed">
        {MISSING}
      </Text>
    );
  }
  if (seen) {
    return (
      <Text span size="sm" data-testid="last-changed">
        <RelativeTime value={since} raw={false} size="sm" tabStop={false} />
      </Text>
    );
  }
  return (
    <Text span size="sm" c="dimmed" title={t('changedEarlierHint')} data-testid="last-changed" data-change-seen="false">
      <span aria-hidden="true">≥ </span>
      <VisuallyHidden component="span">{t('changedEarlier')} </VisuallyHidden>
      <RelativeTime value={since} raw={false} size="sm" tabStop={false} />
    </Text>
  );
}
