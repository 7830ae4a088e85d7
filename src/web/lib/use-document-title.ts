import { useEffect } from 'react';

export const APP_NAME = 'DCS Migration Console';

export function useDocumentTitle(title: string | null) {
  useEffect(() => {
    document.title = title ? `${title} · ${APP_NAME}` : APP_NAME;
  }, [title]);
}
