import { useEffect } from 'react';
import { useI18n } from '../../app/i18n';

/** Names the browser tab after the screen, which is also what a screen reader announces on arrival. */
export function useDocumentTitle(title: string | undefined): void {
  const { t } = useI18n();
  const app = t('app.name');
  useEffect(() => {
    if (!title) return;
    const before = document.title;
    document.title = `${title} · ${app}`;
    return () => {
      document.title = before;
    };
  }, [title, app]);
}
