import { Alert, Button, Result, Spin } from 'antd';
import { ApiError } from '../api/client';
import { useI18n } from '../app/i18n';

export function PageLoading() {
  const { t } = useI18n();
  return (
    <div role="status" style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
      <div>{t('common.loading')}</div>
    </div>
  );
}

/** A failed load, in words a user can act on; 404 also covers ids outside the user's scope. */
export function PageError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  if (error instanceof ApiError && error.status === 404) return <Result status="404" title={t('common.notFound')} />;
  const message = error instanceof ApiError ? (error.status === 0 ? t('common.offline') : error.message) : t('common.error');
  return (
    <Alert
      type="error"
      showIcon
      message={t('common.error')}
      description={message}
      action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
