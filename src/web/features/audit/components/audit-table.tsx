import { Anchor, Badge, Code, Skeleton, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { AuditRecord } from '../../../../api';
import { AUDIT_ACTIONS, CAUGHT_UP_AUDIT_ACTIONS } from '../../../../api/rules';
import { CopyId } from '../../../components/copy-id';
import { RelativeTime } from '../../../components/date-time';
import type { Translate } from '../../../i18n';
import { MISSING } from '../../../lib/format';
import { taskPath } from '../../../lib/paths';
import { useTargets } from '../../../lib/targets';
import { AuditUser } from './audit-user';
import { OutcomeBadge, WHOLE_BADGE } from './outcome-badge';
import { useAuditT } from '../lib/english';
import './audit-table.css';

const COLUMNS = [
  'colTime',
  'colUser',
  'colTarget',
  'colTask',
  'colStatus',
  'colOutcome',
  'colReason',
  'colDcsCode',
  'colRequestIds',
] as const;

const BADGED_ACTIONS = [...AUDIT_ACTIONS.filter((a) => a !== 'stop'), ...CAUGHT_UP_AUDIT_ACTIONS];
type BadgedAction = (typeof BADGED_ACTIONS)[number];

/** What kind of record this is, when it is not a plain stop; an action this page does not know is shown raw. */
function actionLabel(action: string, t: Translate<'audit'>): string | null {
  if (action === 'stop') return null;
  return (BADGED_ACTIONS as readonly string[]).includes(action) ? t(`action.${action as BadgedAction}`) : action;
}

const short = (id: string) => (id.length > 12 ? `${id.slice(0, 8)}…` : id);

function TargetCell({ targetId }: { targetId: string }) {
  const { data } = useTargets();
  const target = data?.targets.find((t) => t.id === targetId);
  return (
    <Stack gap={0}>
      <Text size="sm">{target?.label ?? targetId}</Text>
      {target && (
        <Text size="xs" c="dimmed" ff="monospace">
          {targetId}
        </Text>
      )}
    </Stack>
  );
}

/**
 * The status the cloud returned with the stop. An accepted stop whose answer carried none (a batch
 * stop's never does) shows a dash that says so on hover and to screen readers: the console does not
 * guess a status it was not told. A stop that was not accepted has no status after.
 */
function StatusAfter({ record }: { record: AuditRecord }) {
  const t = useAuditT();
  if (record.status_after) return <>{record.status_after}</>;
  if (record.outcome !== 'accepted') return <>{MISSING}</>;
  const said = t('statusAfterNotSaid');
  return (
    <Text span inherit title={said} data-testid="audit-status-after-not-said" style={{ cursor: 'help' }}>
      <span aria-hidden>{MISSING}</span>
      <VisuallyHidden>{said}</VisuallyHidden>
    </Text>
  );
}

function AuditRow({ record }: { record: AuditRecord }) {
  const t = useAuditT();
  const action = actionLabel(record.action, t);
  return (
    <Table.Tr data-testid="audit-row" data-record-id={record.id} data-outcome={record.outcome}>
      <Table.Td data-label={t('colTime')}>
        <RelativeTime value={record.at} raw={false} size="sm" tabStop={false} />
      </Table.Td>
      <Table.Td data-label={t('colUser')}>
        <AuditUser record={record} />
      </Table.Td>
      <Table.Td data-label={t('colTarget')}>
        <TargetCell targetId={record.target} />
      </Table.Td>
      <Table.Td data-label={t('colTask')}>
        <Stack gap={2} align="flex-start">
          <Anchor component={Link} to={taskPath(record.target, record.task_id)} size="sm" fw={600} data-testid="audit-task-link">
            {record.task_name || t('nameUnknown')}
          </Anchor>
          <CopyId value={record.task_id} display={short(record.task_id)} label={t('taskId')} />
          {action && (
            <Badge
              size="xs"
              variant="outline"
              color="gray"
              data-testid="audit-action"
              styles={WHOLE_BADGE}
              data-action={record.action}
              title={record.batch_id ? t('batchId', { id: record.batch_id }) : undefined}
            >
              {action}
            </Badge>
          )}
        </Stack>
      </Table.Td>
      <Table.Td data-label={t('colStatus')}>
        <Text size="xs" ff="monospace" data-testid="audit-status">
          {record.status_before ?? '?'} → <StatusAfter record={record} />
        </Text>
      </Table.Td>
      <Table.Td data-label={t('colOutcome')}>
        <Stack gap={2} align="flex-start">
          <OutcomeBadge outcome={record.outcome} />
          {record.error_code && <Code fz="xs">{record.error_code}</Code>}
        </Stack>
      </Table.Td>
      <Table.Td data-label={t('colReason')} maw={280}>
        {record.reason ? (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="audit-reason">
            {record.reason}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {MISSING}
          </Text>
        )}
      </Table.Td>
      <Table.Td data-label={t('colDcsCode')}>{record.upstream_error_code ? <Code>{record.upstream_error_code}</Code> : MISSING}</Table.Td>
      <Table.Td data-label={t('colRequestIds')}>
        <Stack gap={2}>
          <CopyId value={record.request_id} display={short(record.request_id)} label={t('requestId')} />
          {record.upstream_request_id && (
            <CopyId
              value={record.upstream_request_id}
              display={t('cloudPrefix', { id: short(record.upstream_request_id) })}
              label={t('cloudRequestId')}
            />
          )}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

function SkeletonRows({ rows }: { rows: number }) {
  return Array.from({ length: rows }, (_, i) => (
    <Table.Tr key={i} data-testid="audit-row-skeleton">
      {COLUMNS.map((column) => (
        <Table.Td key={column} data-label="">
          <Skeleton height={14} radius="sm" />
        </Table.Td>
      ))}
    </Table.Tr>
  ));
}

interface AuditTableProps {
  records: AuditRecord[] | undefined;
  loadingRows?: number;
  /** Showing the previous page's rows while the next loads. */
  stale?: boolean;
}

/** Stop attempts, newest first. */
export function AuditTable({ records, loadingRows = 5, stale }: AuditTableProps) {
  const t = useAuditT();
  return (
    <div className="dcs-audit-table">
      <Table.ScrollContainer minWidth={1100} classNames={{ scrollContainerInner: 'dcs-audit-table-inner' }}>
        <Table
          striped
          verticalSpacing="sm"
          data-testid="audit-table"
          aria-busy={!records || stale ? true : undefined}
          style={{ opacity: stale ? 0.6 : 1 }}
        >
          <VisuallyHidden component="caption">{t('caption')}</VisuallyHidden>
          <Table.Thead>
            <Table.Tr>
              {COLUMNS.map((column) => (
                <Table.Th key={column} scope="col">
                  {t(column)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {records ? records.map((record) => <AuditRow key={record.id} record={record} />) : <SkeletonRows rows={loadingRows} />}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}
