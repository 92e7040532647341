import { PlusOutlined } from '@ant-design/icons';
import { can, createStudySessionIn, STUDY_FORM_LABELS, STUDY_FORMS, todayIso, type StudySessionSummaryOut } from '@dangvu/common';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, List, Radio, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { fmtDate, fmtNumber } from '../../ui/format';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { PageError } from '../../ui/PageState';
import { useOrgTree } from '../members/api';
import { useDocumentTitle } from '../members/useDocumentTitle';
import { docKeys, useCoverage, useDocument, useDocumentList, usePeoplePicks, useStudyList, type PersonPick } from './api';
import './documents.css';
import { placeErrors, serverEntries } from './formErrors';
import { PagedList } from './PagedList';
import { StudySessionCard } from './StudySessionCard';

const FIELDS = ['orgId', 'studiedOn', 'studyForm', 'topic', 'documentIds', 'attendeeIds', 'memberCount', 'nonMemberCount'] as const;
interface Values {
  orgId?: string;
  studiedOn?: string;
  studyForm: string;
  topic?: string;
  documentIds?: string[];
  attendeeIds?: string[];
  memberCount?: number | null;
  nonMemberCount?: number | null;
}

function NewSessionForm({ documentId, onDone }: { documentId: string | undefined; onDone: () => void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const tree = useOrgTree();
  const [docQ, setDocQ] = useState('');
  const [personQ, setPersonQ] = useState('');
  const docs = useDocumentList({ q: docQ || undefined, page: 1, pageSize: 20 });
  const preset = useDocument(documentId);
  const people = usePeoplePicks(personQ);
  const [picked, setPicked] = useState<Map<string, PersonPick>>(new Map());
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const docOptions = useMemo(() => {
    const list = (docs.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.symbol} · ${d.summary}` }));
    if (preset.data && !list.some((o) => o.value === preset.data!.id)) list.unshift({ value: preset.data.id, label: `${preset.data.symbol} · ${preset.data.summary}` });
    return list;
  }, [docs.data, preset.data]);
  const personLabel = (p: PersonPick) => `${p.fullName} · ${fmtDate(p.birthDate)} · ${p.standing ? t('study.member') : t('study.nonMember')}`;
  const personOptions = useMemo(() => {
    const all = new Map(picked);
    for (const p of people.data?.items ?? []) all.set(p.id, p);
    return [...all.values()].map((p) => ({ value: p.id, label: personLabel(p) }));
  }, [people.data, picked, t]);

  const onFinish = async (v: Values) => {
    setGeneral(null);
    const body = { ...v, topic: v.topic || null, documentIds: v.documentIds ?? [], attendeeIds: v.attendeeIds ?? [], memberCount: v.memberCount ?? 0, nonMemberCount: v.nonMemberCount ?? 0 };
    const r = createStudySessionIn.safeParse(body);
    if (!r.success) return setGeneral(placeErrors(form, FIELDS, r.error.issues.map((i) => [i.path.join('.'), i.message])));
    setSaving(true);
    try {
      await api('POST', '/study/sessions', body);
      void qc.invalidateQueries({ queryKey: docKeys.study });
      void qc.invalidateQueries({ queryKey: docKeys.all });
      onDone();
    } catch (e) {
      setGeneral(placeErrors(form, FIELDS, serverEntries(e, t('common.offline'), t('common.error'))));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={onFinish} noValidate initialValues={{ studiedOn: todayIso(), studyForm: 'hoc_tap', documentIds: documentId ? [documentId] : [] }} className="dv-d-form">
      {general && <Alert type="error" showIcon role="alert" message={general} style={{ marginBottom: 16 }} />}
      <Form.Item name="orgId" label={t('study.f.org')}>
        <Select showSearch optionFilterProp="label" aria-label={t('study.f.org')} data-testid="study-org" options={(tree.data?.nodes ?? []).map((n) => ({ value: n.orgId, label: n.name }))} />
      </Form.Item>
      <Form.Item name="studiedOn" label={t('study.f.date')}>
        <IsoDatePicker value={undefined} onChange={() => undefined} aria-label={t('study.f.date')} />
      </Form.Item>
      <Form.Item name="studyForm" label={t('study.f.form')}>
        <Select options={STUDY_FORMS.map((f) => ({ value: f, label: label(STUDY_FORM_LABELS[f]) }))} />
      </Form.Item>
      <Form.Item name="topic" label={t('study.f.topic')}>
        <Input />
      </Form.Item>
      <Form.Item name="documentIds" label={t('study.f.documents')}>
        <Select mode="multiple" showSearch filterOption={false} onSearch={setDocQ} placeholder={t('study.f.documentsSearch')} options={docOptions} data-testid="study-docs" />
      </Form.Item>
      <Form.Item name="attendeeIds" label={t('study.f.attendees')}>
        <Select
          mode="multiple"
          showSearch
          filterOption={false}
          onSearch={setPersonQ}
          placeholder={t('study.f.attendeesSearch')}
          options={personOptions}
          onChange={(ids: string[]) => {
            const all = new Map(picked);
            for (const p of people.data?.items ?? []) if (ids.includes(p.id)) all.set(p.id, p);
            setPicked(new Map([...all].filter(([k]) => ids.includes(k))));
          }}
          data-testid="study-attendees"
        />
      </Form.Item>
      <Space wrap>
        <Form.Item name="memberCount" label={t('study.f.memberCount')}>
          <InputNumber min={0} data-testid="study-member-count" />
        </Form.Item>
        <Form.Item name="nonMemberCount" label={t('study.f.nonMemberCount')}>
          <InputNumber min={0} data-testid="study-nonmember-count" />
        </Form.Item>
      </Space>
      <Space style={{ display: 'flex' }}>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="study-save">
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

function CoverageCard({ documentId }: { documentId: string }) {
  const { t } = useI18n();
  const [rule, setRule] = useState<'any' | 'all'>('any');
  const cov = useCoverage([documentId], rule);
  return (
    <Card title={t('study.coverage')} size="small" style={{ marginBottom: 16 }}>
      <Radio.Group value={rule} onChange={(e) => setRule(e.target.value as 'any' | 'all')} style={{ marginBottom: 8 }} aria-label={t('study.coverage.rule')}>
        <Radio value="any">{t('study.coverage.any')}</Radio>
        <Radio value="all">{t('study.coverage.all')}</Radio>
      </Radio.Group>
      {cov.data && (
        <>
          <p className="dv-d-figure" data-testid="study-coverage">
            {t('study.coverageLine', { covered: fmtNumber(cov.data.covered), total: fmtNumber(cov.data.total) })}
          </p>
          <List
            size="small"
            dataSource={cov.data.orgs.filter((o) => !o.covered).slice(0, 50)}
            renderItem={(o) => (
              <List.Item key={o.id}>
                {o.name} <Tag color="warning">{t('study.notCovered')}</Tag>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}

export default function StudySessionsPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [sp, setSp] = useSearchParams();
  const documentId = sp.get('documentId') ?? undefined;
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const list = useStudyList({ documentId, page, pageSize: 20 });
  const doc = useDocument(documentId);
  const creating = sp.has('new');
  const sessionId = sp.get('session') ?? undefined;
  useDocumentTitle(t('study.title'));
  const mayWrite = !!me && can(me.role, 'document.write');
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) next.set(k, v);
      else next.delete(k);
    if (!('page' in patch)) next.delete('page');
    setSp(next);
  };
  // Opening a session keeps the list's filter and page behind it.
  const sessionHref = (id: string) => {
    const next = new URLSearchParams(sp);
    next.set('session', id);
    next.delete('new');
    return `?${next.toString()}`;
  };
  const closeSession = () => {
    const next = new URLSearchParams(sp);
    next.delete('session');
    setSp(next);
  };
  const opener = (s: StudySessionSummaryOut) => (
    <Link to={sessionHref(s.id)} data-testid="study-open">
      {fmtDate(s.studiedOn)}
    </Link>
  );
  const docsOf = (s: StudySessionSummaryOut) =>
    s.documents.map((d) => (
      <Link key={d.id} to={`/documents/${d.id}`} style={{ marginRight: 6 }}>
        {d.symbol}
      </Link>
    ));
  const columns: TableColumnsType<StudySessionSummaryOut> = [
    { title: t('study.col.date'), key: 'date', render: (_, s) => opener(s) },
    { title: t('study.col.org'), key: 'org', render: (_, s) => s.org.name },
    { title: t('study.col.documents'), key: 'docs', render: (_, s) => docsOf(s) },
    { title: t('study.col.members'), key: 'm', align: 'right', render: (_, s) => fmtNumber(s.memberTimes) },
    { title: t('study.col.nonMembers'), key: 'nm', align: 'right', render: (_, s) => fmtNumber(s.nonMemberTimes) },
  ];
  const totals = list.data?.totals;

  return (
    <div className="dv-d-page">
      <div className="dv-d-head">
        <Typography.Title level={1} className="dv-d-title">
          {t('study.title')}
          {doc.data ? ` · ${doc.data.symbol}` : ''}
        </Typography.Title>
        {mayWrite && !creating && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => set({ new: '1' })} data-testid="new-study">
            {t('study.new')}
          </Button>
        )}
      </div>
      {creating && mayWrite && (
        <Card title={t('study.new')} style={{ marginBottom: 16 }}>
          <NewSessionForm documentId={documentId} onDone={() => set({ new: undefined })} />
        </Card>
      )}
      {sessionId && <StudySessionCard key={sessionId} id={sessionId} onClose={closeSession} />}
      {totals && (
        <p className="dv-d-figure" data-testid="study-totals">
          {t('study.totals', { sessions: fmtNumber(totals.sessions), members: fmtNumber(totals.memberTimes), nonMembers: fmtNumber(totals.nonMemberTimes) })}
        </p>
      )}
      {documentId && <CoverageCard documentId={documentId} />}
      {list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <PagedList<StudySessionSummaryOut>
          items={list.data?.items ?? []}
          rowKey={(s) => s.id}
          loading={list.isFetching}
          total={list.data?.total ?? 0}
          page={page}
          pageSize={20}
          onPage={(p) => set({ page: String(p) })}
          empty={t('study.empty')}
          columns={columns}
          card={(s) => (
            <>
              <strong>{opener(s)}</strong> · {s.org.name}
              <div>{docsOf(s)}</div>
              <div className="dv-d-muted">
                {t('study.col.members')}: {fmtNumber(s.memberTimes)} · {t('study.col.nonMembers')}: {fmtNumber(s.nonMemberTimes)}
              </div>
            </>
          )}
        />
      )}
    </div>
  );
}
