import { useEffect } from 'react';
import { useT } from '../i18n';

/**
 * "<title> · DCS Migration Console", in the interface language; `title` comes translated.
 * Null: the app's name alone; undefined: leaves the document title to someone else.
 */
export function useDocumentTitle(title: string | null | undefined) {
  const appName = useT('shell')('appName');
  useEffect(() => {
    if (title === undefined) return;
    document.title = title ? `${title} · ${appName}` : appName;
  }, [title, appName]);
}
