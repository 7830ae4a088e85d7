import { Anchor, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { AuditRecord } from '../../../../api';
import { CAUGHT_UP_CONSOLE_ACTOR } from '../../../../api/rules';
import { useAuditT } from '../lib/english';

/** The most of a subject shown in the cell at rest; the whole of it on hover or focus, and in the accessible name. */
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
 * unlike the name, is unambiguous); its accessible name is "name (subject)". On hover and on keyboard
 * focus the cell itself shows the whole subject, wrapped, and what selecting it does: no floating
 * layer (a tooltip would bring its positioning library into the first download of every page).
 */
export function AuditUser({ record }: { record: Pick<AuditRecord, 'user' | 'user_subject'> }) {
  const t = useAuditT();
  const [searchParams] = useSearchParams();
  const [expanded, setExpanded] = useState(false);
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
      onMouseEnter={() => setExpanded(true)}
      onMouseLeave={() => setExpanded(false)}
      onFocus={() => setExpanded(true)}
      onBlur={() => setExpanded(false)}
    >
      <Text span size="sm" display="block" style={{ overflowWrap: 'anywhere' }}>
        {name}
      </Text>
      <Text span size="xs" c="dimmed" ff="monospace" display="block" truncate={expanded ? undefined : 'end'} style={expanded ? { overflowWrap: 'anywhere' } : undefined} data-testid="audit-user-subject">
        {expanded ? subject : shortSubject(subject)}
      </Text>
      {expanded && (
        <Text span size="xs" c="dimmed" display="block" data-testid="audit-user-hint">
          {t('filterByUser')}
        </Text>
      )}
    </Anchor>
  );
}
