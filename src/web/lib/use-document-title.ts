import { useEffect } from 'react';
import { useT } from '../i18n';

/** "<title> · DCS Migration Console", in the interface language; `title` comes translated. */
export function useDocumentTitle(title: string | null) {
  const appName = useT('shell')('appName');
  useEffect(() => {
    document.title = title ? `${title} · ${appName}` : appName;
  }, [title, appName]);
}
