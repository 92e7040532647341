import { can, createMemberIn, isCellKind, updateMemberIn } from '@dangvu/common';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Modal, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useBlocker, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { PageError, PageLoading } from '../../ui/PageState';
import { memberKeys, useMember, useOrgTree, type DuplicateHint, type MemberDetail } from './api';
import { DuplicateList } from './components/DuplicateList';
import { BannerView, LostEdits, type Banner, type Edits } from './components/EditBanners';
import { MemberFormFields } from './components/MemberFormFields';
import {
  cccdProblems,
  changedFields,
  createPayload,
  fallbackMessages,
  FORM_FIELDS,
  isoToDayjs,
  placeIssues,
  placeServerError,
  toFormValues,
  type ErrorPlacement,
  type FormField,
  type MemberFormValues,
  type PersonField,
} from './form';
import type { ProfileLocationState } from './MemberProfilePage';
import { useDocumentTitle } from './useDocumentTitle';
import './members.css';

/** Server rules that judge one field by another: changing the second clears the first's message. */
const AFFECTS: Partial<Record<FormField, FormField[]>> = {
  birthDate: ['admittedOn', 'officialOn', 'youthUnionOn'],
  admittedOn: ['officialOn', 'orgId'],
};

type SafeParseParams = NonNullable<Parameters<typeof createMemberIn.safeParse>[1]>;

export default function MemberEditPage() {
  const { id } = useParams();
  const { me } = useAuth();
  const { t } = useI18n();
  // Read-only roles reach this page only by a typed or old link: say so before any typing.
  if (me && !can(me.role, 'member.write')) return <Alert type="warning" showIcon role="alert" message={t('members.edit.noPermission')} />;
  return id ? <EditExisting id={id} /> : <MemberFormScreen mode="create" />;
}

/** Loads the record; after a conflict, reloads it and hands the unsaved edits to the new form. */
function EditExisting({ id }: { id: string }) {
  const member = useMember(id);
  const [lostEdits, setLostEdits] = useState<Edits | null>(null);
  if (member.isPending) return <PageLoading />;
  // A failed reload keeps the form (and what was typed) on screen; only a failed first load replaces it.
  if (!member.data) return <PageError error={member.error} onRetry={() => void member.refetch()} />;
  return (
    <MemberFormScreen
      // A new version is a new form: the fields show what is saved now.
      key={member.data.version}
      mode="edit"
      original={member.data}
      lostEdits={lostEdits ?? undefined}
      onReload={async (edits) => {
        const r = await member.refetch();
        if (r.error) throw r.error;
        setLostEdits(edits);
      }}
      onLostEditsDone={() => setLostEdits(null)}
    />
  );
}

interface ScreenProps {
  mode: 'create' | 'edit';
  original?: MemberDetail;
  lostEdits?: Edits;
  onReload?: (edits: Edits) => Promise<void>;
  onLostEditsDone?: () => void;
}

function MemberFormScreen({ mode, original, lostEdits, onReload, onLostEditsDone }: ScreenProps) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const [form] = Form.useForm<MemberFormValues>();
  const [banner, setBanner] = useState<Banner | null>(null);
  const [duplicates, setDuplicates] = useState<{ hints: DuplicateHint[]; message: string; body: Record<string, unknown> } | null>(null);
  const [saving, setSaving] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [dirty, setDirty] = useState(false);
  const leaving = useRef(false);
  const bannerRef = useRef<HTMLDivElement>(null);
  const title = mode === 'create' ? t('members.edit.createTitle') : t('members.edit.editTitle', { name: original?.fullName ?? '' });
  useDocumentTitle(title);

  const initialValues = useMemo<MemberFormValues>(
    () => (original ? toFormValues(original) : { religion: 'khong' }),
    [original],
  );

  // "Thêm đảng viên" from a cell's list arrives with ?org=: preselect it when it is a cell.
  const tree = useOrgTree();
  const orgParam = params.get('org');
  useEffect(() => {
    if (mode !== 'create' || !orgParam || form.getFieldValue('orgId')) return;
    const node = tree.data?.nodes.find((n) => n.orgId === orgParam);
    if (node && isCellKind(node.kind)) form.setFieldValue('orgId', orgParam);
  }, [mode, orgParam, tree.data, form]);

  // Leaving with unsaved input asks first, inside the app and when closing the tab.
  const blocker = useBlocker(
    useCallback(
      ({ currentLocation, nextLocation }: { currentLocation: { pathname: string }; nextLocation: { pathname: string } }) =>
        dirty && !leaving.current && currentLocation.pathname !== nextLocation.pathname,
      [dirty],
    ),
  );
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (leaving.current) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  const showBanner = (b: Banner | null) => {
    setBanner(b);
    // Move attention to the message: a screen reader announces it, a phone scrolls to it.
    if (b) window.setTimeout(() => bannerRef.current?.focus(), 0);
  };

  /** Puts each message beside its field, clears stale ones, and moves to the first problem. */
  const showPlacement = (p: ErrorPlacement) => {
    form.setFields(FORM_FIELDS.map((f) => ({ name: f, errors: p.fields.get(f) ?? [] })));
    const first = FORM_FIELDS.find((f) => p.fields.has(f));
    if (first) form.scrollToField(first, { block: 'center', focus: true });
    if (p.general.length) showBanner({ kind: 'error', message: p.general.join(' ') });
    else if (first && p.fields.size > 1) setBanner({ kind: 'invalid', placement: p });
    else setBanner(null);
  };

  const errorMap: SafeParseParams['error'] = fallbackMessages(t('members.form.required'), t('members.form.pickFromList'));

  const saved = (m: MemberDetail) => {
    // Shown at once; refreshed behind it, since the save answer leaves out duplicate hints.
    qc.setQueryData(memberKeys.detail(m.id), m);
    void qc.invalidateQueries({ queryKey: memberKeys.detail(m.id) });
    void qc.invalidateQueries({ queryKey: memberKeys.lists });
    void qc.invalidateQueries({ queryKey: memberKeys.history(m.id) });
    leaving.current = true;
    onLostEditsDone?.();
    const state: ProfileLocationState = { saved: true };
    void navigate(`/members/${m.id}`, { state });
  };

  const send = async (body: Record<string, unknown>) => {
    setSaving(true);
    try {
      const m =
        mode === 'create'
          ? await api<MemberDetail>('POST', '/members', body)
          : await api<MemberDetail>('PATCH', `/members/${encodeURIComponent(original!.id)}`, body);
      saved(m);
    } catch (e) {
      failed(e, body);
    } finally {
      setSaving(false);
    }
  };

  const failed = (e: unknown, body: Record<string, unknown>) => {
    if (!(e instanceof ApiError)) return showBanner({ kind: 'error', message: t('common.error') });
    if (e.status === 0) return showBanner({ kind: 'offline' });
    if (e.code === 'VERSION_CONFLICT') {
      const { version: _v, confirmDuplicate: _c, ...edits } = body;
      return showBanner({ kind: 'conflict', edits: edits as Edits });
    }
    const hints = Array.isArray(e.details) ? (e.details as DuplicateHint[]).filter((h) => h && typeof h === 'object' && 'reason' in h) : [];
    if (e.code === 'LIKELY_DUPLICATE') return setDuplicates({ hints, message: e.message, body });
    const p = placeServerError(e);
    if (e.code === 'DUPLICATE_CCCD') {
      showPlacement(p);
      return showBanner({ kind: 'error', message: e.message, hints });
    }
    if (p.fields.size === 0 && p.general.length === 0) return showBanner({ kind: 'error', message: e.message });
    showPlacement(p);
  };

  const onFinish = async (values: MemberFormValues) => {
    setBanner(null);
    let body: Record<string, unknown>;
    let issues: ErrorPlacement;
    if (mode === 'create') {
      body = createPayload(values);
      const r = createMemberIn.safeParse(body, { error: errorMap });
      issues = r.success ? { fields: new Map(), general: [] } : placeIssues(r.error.issues);
    } else {
      const edits = changedFields(original!, values);
      if (Object.keys(edits).length === 0) return showBanner({ kind: 'nochange' });
      body = { version: original!.version, ...edits };
      const r = updateMemberIn.safeParse(body, { error: errorMap });
      issues = r.success ? { fields: new Map(), general: [] } : placeIssues(r.error.issues);
    }
    // The same CCCD rule the server applies, checked before sending anything.
    const cccd = cccdProblems(values.cccd, values.sex, values.birthDate, false);
    if (cccd.length && !issues.fields.has('cccd')) issues.fields.set('cccd', cccd);
    if (issues.fields.size || issues.general.length) return showPlacement(issues);
    await send(body);
  };

  const reapply = () => {
    if (!lostEdits) return;
    const values: MemberFormValues = {};
    for (const [f, v] of Object.entries(lostEdits) as [PersonField, string | null][])
      values[f] = f === 'birthDate' || f === 'youthUnionOn' ? isoToDayjs(v) : (v ?? undefined);
    form.setFieldsValue(values);
    setDirty(true);
    onLostEditsDone?.();
  };

  const cancelTo = original ? `/members/${original.id}` : '/members';

  return (
    <div className="dv-m-page">
      <Typography.Title level={1} className="dv-m-title" style={{ marginBottom: 16 }}>
        {title}
      </Typography.Title>

      <div ref={bannerRef} tabIndex={-1} className="dv-m-banner" aria-live="polite">
        {lostEdits && Object.keys(lostEdits).length > 0 && (
          <LostEdits edits={lostEdits} original={original} onReapply={reapply} onDiscard={() => onLostEditsDone?.()} />
        )}
        {banner && (
          <BannerView
            banner={banner}
            reloading={reloading}
            onRetry={() => form.submit()}
            onReload={async (edits) => {
              setReloading(true);
              try {
                await onReload?.(edits);
              } catch (e) {
                failed(e, {});
              } finally {
                setReloading(false);
              }
            }}
            onFocusField={(f) => form.scrollToField(f, { block: 'center', focus: true })}
          />
        )}
      </div>

      <Form<MemberFormValues>
        form={form}
        onKeyDown={(e) => {
          // Enter confirms a typed date or a choice in a list; it must not also save the whole form.
          const target = e.target as HTMLElement;
          if (e.key === 'Enter' && target.closest('.ant-picker, .ant-select')) e.preventDefault();
        }}
        layout="vertical"
        initialValues={initialValues}
        onFinish={onFinish}
        onFinishFailed={({ errorFields }) => {
          const first = errorFields[0]?.name;
          if (first) form.scrollToField(first, { block: 'center', focus: true });
        }}
        onValuesChange={(changed: MemberFormValues) => {
          setDirty(true);
          // A message from the last attempt goes away once its field, or a field it depends on, is
          // changed (CCCD re-checks itself).
          const stale = new Set<FormField>();
          for (const f of Object.keys(changed) as FormField[]) for (const g of [f, ...(AFFECTS[f] ?? [])]) if (g !== 'cccd') stale.add(g);
          if (stale.size) form.setFields([...stale].map((f) => ({ name: f, errors: [] })));
          if (banner?.kind === 'nochange') setBanner(null);
        }}
        requiredMark
        scrollToFirstError={false}
        noValidate
      >
        <MemberFormFields mode={mode} original={original} />
        <div className="dv-m-form-actions">
          <Button type="primary" htmlType="submit" size="large" loading={saving}>
            {t('common.save')}
          </Button>
          <Button size="large" onClick={() => void navigate(cancelTo)} disabled={saving}>
            {t('common.cancel')}
          </Button>
        </div>
      </Form>

      <Modal
        open={!!duplicates}
        title={t('members.dup.modalTitle')}
        okText={t('members.dup.saveAnyway')}
        cancelText={t('members.dup.review')}
        okButtonProps={{ loading: saving }}
        onCancel={() => setDuplicates(null)}
        onOk={async () => {
          const body = duplicates!.body;
          setDuplicates(null);
          await send({ ...body, confirmDuplicate: true });
        }}
      >
        <p>{duplicates?.message}</p>
        {duplicates && <DuplicateList hints={duplicates.hints} newTab />}
        <p className="dv-m-hint">{t('members.dup.modalHelp')}</p>
      </Modal>

      <Modal
        open={blocker.state === 'blocked'}
        title={t('members.edit.leaveTitle')}
        okText={t('members.edit.leave')}
        cancelText={t('members.edit.stay')}
        okButtonProps={{ danger: true }}
        onOk={() => blocker.proceed?.()}
        onCancel={() => blocker.reset?.()}
      >
        <p>{t('members.edit.leaveBody')}</p>
      </Modal>
    </div>
  );
}
