import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import type { Me } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { LangSwitch } from '../../ui/LangSwitch';

export function LoginPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reason = params.get('reason');
  const notice = reason === 'expired' ? t('auth.expired') : reason === 'logout' ? t('auth.loggedOut') : null;

  async function submit(v: { username: string; password: string }) {
    setBusy(true);
    setError(null);
    try {
      const me = await api<Me>('POST', '/auth/login', v);
      qc.setQueryData(['me'], me);
      const next = params.get('next');
      const safe = next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login');
      navigate(safe ? next : '/', { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? (e.status === 0 ? t('common.offline') : e.message) : t('common.error'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5', padding: 12 }}>
      <div style={{ width: '100%', maxWidth: 400, background: '#fff', borderRadius: 8, padding: 24, boxShadow: '0 1px 4px rgba(0,0,0,.08)' }}>
        <h1 style={{ color: '#b71c1c', marginTop: 0, fontSize: '1.8em' }}>{t('app.name')}</h1>
        <p style={{ color: '#555' }}>{t('app.tagline')}</p>
        {notice && <Alert type="info" showIcon message={notice} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label={t('auth.username')} name="username" rules={[{ required: true, message: t('auth.required', { field: t('auth.username').toLowerCase() }) }]}>
            <Input autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item label={t('auth.password')} name="password" rules={[{ required: true, message: t('auth.required', { field: t('auth.password').toLowerCase() }) }]}>
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {t('auth.login')}
          </Button>
        </Form>
        <div style={{ marginTop: 16, textAlign: 'right' }}>
          <LangSwitch />
        </div>
      </div>
    </main>
  );
}
