import { Anchor, Text, Tooltip } from '@mantine/core';
import { Link, useSearchParams } from 'react-router-dom';
import type { AuditRecord } from '../../../../api';
import { CAUGHT_UP_CONSOLE_ACTOR } from '../../../../api/rules';
import { useAuditT } from '../lib/english';

/** The most of a subject shown in the cell; the whole of it is in the tooltip and the accessible name. */
const SUBJECT_SHOWN = 28;
const SUBJECT_TAIL = 12;

/**
 * A long subject cut in the middle: its start (the issuer) and its end (the part that tells two
 * users of one identity provider apart, e.g. `…|8c1f…`), so two people of the same name differ on screen.
 */
export function shortSubject(subject: string): string {
  if (subject.length <= SUBJECT_SHOWN) return subject;
  return `${subject.slice(0, SUBJECT_SHOWN - SUBJECT_TAIL - 1)}…${subject.slice(-SUBJECT_TAIL)}`;
}

/** The subject worth showing beside the name: none when it is missing (older records) or is the name itself. */
export function distinctSubject(record: Pick<AuditRecord, 'user' | 'user_subject'>): string | null {
  const subject = record.user_subject;
  return subject && subject !== record.user ? subject : null;
}

/**
 * Who made the attempt: the display name, and under it the subject (shortened), which tells apart
 * two users of the same name. The pair is one link that filters the activity by the subject (which,
 * unlike the name, is unambiguous); its accessible name is "name (subject)", and the whole subject
 * shows in a tooltip on hover and on keyboard focus.
 */
export function AuditUser({ record }: { record: Pick<AuditRecord, 'user' | 'user_subject'> }) {
  const t = useAuditT();
  const [searchParams] = useSearchParams();
  const name = record.user === CAUGHT_UP_CONSOLE_ACTOR ? t('consoleActor') : record.user;
  const subject = distinctSubject(record);
  if (!subject) {
    return (
      <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="audit-user">
        {name}
      </Text>
    );
  }
  const next = new URLSearchParams(searchParams);
  next.set('user', subject);
  next.delete('page');
  return (
    <Tooltip
      label={
        <>
          <Text span size="xs" ff="monospace" display="block" style={{ overflowWrap: 'anywhere' }} data-testid="audit-user-tooltip">
            {subject}
          </Text>
          <Text span size="xs" display="block">
            {t('filterByUser')}
          </Text>
        </>
      }
      events={{ hover: true, focus: true, touch: true }}
      multiline
      maw="min(420px, calc(100vw - 32px))"
      withinPortal
    >
      <Anchor
        component={Link}
        to={{ search: next.toString() }}
        aria-label={t('userWithSubject', { user: name, subject })}
        c="inherit"
        underline="hover"
        display="block"
        maw={220}
        data-testid="audit-user"
        data-subject={subject}
      >
        <Text span size="sm" display="block" style={{ overflowWrap: 'anywhere' }}>
          {name}
        </Text>
        <Text span size="xs" c="dimmed" ff="monospace" display="block" truncate="end" data-testid="audit-user-subject">
          {shortSubject(subject)}
        </Text>
      </Anchor>
    </Tooltip>
  );
}
