import { Alert, Button } from 'antd';
import { useI18n } from '../../app/i18n';

/** Someone else saved first: say so and offer to load their version (what was typed is dropped). */
export function ConflictAlert({ message, onReload }: { message: string; onReload: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      style={{ marginBottom: 12 }}
      message={message}
      data-testid="conflict"
      action={
        <Button size="small" type="primary" onClick={onReload} data-testid="conflict-reload">
          {t('common.reload')}
        </Button>
      }
    />
  );
}
