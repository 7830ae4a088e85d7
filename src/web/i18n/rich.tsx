import { Fragment, type ReactNode } from 'react';

// Messages with elements inside ("Stopped by <strong>alice</strong>, <time>2 minutes ago</time>"):
// translate with `slot('user')` as the variable, then `rich(text, { user: <strong>… })` puts the
// elements where the language's word order put the slots.
const OPEN = '\u0001';
const CLOSE = '\u0002';

export const slot = (name: string): string => `${OPEN}${name}${CLOSE}`;

export function rich(text: string, nodes: Record<string, ReactNode>): ReactNode {
  const parts = text.split(new RegExp(`${OPEN}(\\w+)${CLOSE}`));
  // split with a capture group: even indexes are text, odd indexes are slot names.
  return parts.map((part, index) =>
    index % 2 === 0 ? part : <Fragment key={`${part}-${index}`}>{nodes[part] ?? null}</Fragment>,
  );
}
