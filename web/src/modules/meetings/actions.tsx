import { useQueryClient } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import { meetingKeys, type MeetingDetail } from './api';

/** Posts one action with the meeting's version and puts the answer in the cache; errors stay on screen. */
export function useMeetingAction(m: MeetingDetail) {
  const qc = useQueryClient();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: string, body: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    try {
      const next = await api<MeetingDetail>('POST', `/meetings/${m.id}/${action}`, { version: m.version, ...body });
      qc.setQueryData(meetingKeys.detail(m.id), next);
      void qc.invalidateQueries({ queryKey: meetingKeys.all, predicate: (q) => q.queryKey[1] !== 'detail' });
      return true;
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'NETWORK', String(e)));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, error, busy };
}

export function ActionError({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return <Alert type="error" showIcon message={error.message} style={{ marginBottom: 12 }} role="alert" />;
}

