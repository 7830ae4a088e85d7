import { Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useDocumentTitle } from '../lib/use-document-title';

interface PageHeaderProps {
  /** The page's h1 (translated). */
  title: string;
  /**
   * The browser tab's name: `title` unless given; false when the page names the tab itself
   * (the task page does, before its task has loaded).
   */
  documentTitle?: string | false;
  /** Under the heading: an intro, a count, the task's id and status. */
  subtitle?: ReactNode;
  /** On the right: refresh status or button, the page's main action. */
  aside?: ReactNode;
  /** Where the right-hand slot sits against a tall left column. */
  align?: 'flex-end' | 'flex-start';
}

/** The title row of a page: the h1, what is under it and what is beside it; names the browser tab too. */
export function PageHeader({ title, documentTitle, subtitle, aside, align = 'flex-end' }: PageHeaderProps) {
  useDocumentTitle(documentTitle === false ? undefined : (documentTitle ?? title));
  return (
    <Group justify="space-between" align={align} wrap="wrap">
      <div>
        <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Title>
        {subtitle}
      </div>
      {aside}
    </Group>
  );
}
