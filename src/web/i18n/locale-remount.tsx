import { Fragment, type ReactNode } from 'react';
import { useLocale } from './translate';

/**
 * Re-creates the views below when the language changes, so every string, number and date
 * (memoised ones included) is shown in the new language. Data stays: it lives in the query cache
 * and the URL, outside this tree.
 */
export function LocaleRemount({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  return <Fragment key={locale}>{children}</Fragment>;
}
