import { Alert, Button } from 'antd';
import { useI18n } from '../../../app/i18n';
import type { DuplicateHint, MemberDetail } from '../api';
import type { ErrorPlacement, FormField, PersonField } from '../form';
import { displayValue } from '../formDisplay';
import { DuplicateList } from './DuplicateList';
import { fieldLabelKey } from './MemberFormFields';

export type Edits = Partial<Record<PersonField, string | null>>;

/** What the edit screen has to tell the user after a save attempt. */
export type Banner =
  | { kind: 'offline' }
  | { kind: 'conflict'; edits: Edits }
  | { kind: 'invalid'; placement: ErrorPlacement }
  | { kind: 'error'; message: string; hints?: DuplicateHint[] }
  | { kind: 'nochange' };

/** After a conflict and a reload: the user's unsaved values beside what is saved now, to fill in again or drop. */
export function LostEdits({ edits, original, onReapply, onDiscard }: { edits: Edits; original?: MemberDetail; onReapply: () => void; onDiscard: () => void }) {
  const { t, lang } = useI18n();
  const saved = (original ?? {}) as unknown as Record<string, string | null>;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      message={t('members.edit.lostEditsTitle')}
      description={
        <ul className="dv-m-dups">
          {(Object.entries(edits) as [FormField, string | null][]).map(([f, v]) => (
            <li key={f}>
              <strong>{t(fieldLabelKey(f))}</strong>: {displayValue(f, v, lang) || t('members.edit.emptyValue')}
              {' — '}
              {t('members.edit.nowSaved', { value: displayValue(f, saved[f] ?? null, lang) || t('members.edit.emptyValue') })}
            </li>
          ))}
        </ul>
      }
      action={
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          <Button type="primary" onClick={onReapply}>
            {t('members.edit.reapply')}
          </Button>
          <Button onClick={onDiscard}>{t('members.edit.discard')}</Button>
        </div>
      }
    />
  );
}

export function BannerView({
  banner,
  reloading,
  onRetry,
  onReload,
  onFocusField,
}: {
  banner: Banner;
  reloading: boolean;
  onRetry: () => void;
  onReload: (edits: Edits) => Promise<void>;
  onFocusField: (f: FormField) => void;
}) {
  const { t } = useI18n();
  const style = { marginBottom: 16 };
  switch (banner.kind) {
    case 'offline':
      return (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={style}
          message={t('members.edit.offlineTitle')}
          description={t('members.edit.offlineBody')}
          action={<Button onClick={onRetry}>{t('members.edit.retrySave')}</Button>}
        />
      );
    case 'conflict':
      return (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={style}
          message={t('common.conflict')}
          description={t('members.edit.conflictBody')}
          action={
            <Button type="primary" loading={reloading} onClick={() => void onReload(banner.edits)}>
              {t('common.reload')}
            </Button>
          }
        />
      );
    case 'invalid':
      return (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={style}
          message={t('members.edit.invalidTitle', { n: banner.placement.fields.size })}
          description={
            <ul className="dv-m-dups">
              {[...banner.placement.fields.entries()].map(([f, msgs]) => (
                <li key={f}>
                  <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => onFocusField(f)}>
                    {t(fieldLabelKey(f))}: {msgs.join('. ')}
                  </Button>
                </li>
              ))}
            </ul>
          }
        />
      );
    case 'error':
      return (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={style}
          message={banner.message}
          description={banner.hints && banner.hints.length > 0 ? <DuplicateList hints={banner.hints} newTab /> : undefined}
        />
      );
    case 'nochange':
      return <Alert type="info" showIcon role="status" style={style} message={t('members.edit.noChange')} />;
  }
}
