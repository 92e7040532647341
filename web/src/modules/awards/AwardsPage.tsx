import { AWARD_KIND_LABELS, AWARD_KINDS, AWARD_LEVEL_LABELS, can, todayIso, type AwardOut, type BadgeDueOut } from '@dangvu/common';
import { useQueryClient } from '@tanstack/react-query';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Grid, Input, InputNumber, List, Modal, Select, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { fmtDate, fmtNumber } from '../../ui/format';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { PageError } from '../../ui/PageState';
import { placeErrors, serverEntries } from '../documents/formErrors';
import '../documents/documents.css';
import { PagedList } from '../documents/PagedList';
import { useDocumentTitle } from '../members/useDocumentTitle';
import { useAwardList, useBadgesDue } from './api';
import { EditAwardModal, NewAwardModal } from './AwardForm';
import { ContestsTab } from './ContestsTab';

type Due = BadgeDueOut['items'][number];
const BADGE_FIELDS = ['decisionNo', 'decisionDate', 'issuer', 'badgeYears', 'recipientPersonId'] as const;

function BadgeModal({ due, onClose }: { due: Due; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ decisionNo: string; decisionDate?: string; issuer: string }>();
  const qc = useQueryClient();
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (v: { decisionNo: string; decisionDate?: string; issuer: string }) => {
    setGeneral(null);
    setSaving(true);
    try {
      await api('POST', '/awards', { awardKind: 'huy_hieu', awardLevel: 'tinh', badgeYears: due.milestone, recipientPersonId: due.personId, ...v });
      void qc.invalidateQueries({ queryKey: ['awards'] });
      onClose();
    } catch (e) {
      setGeneral(placeErrors(form, BADGE_FIELDS, serverEntries(e, t('common.offline'), t('common.error'))));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open title={`${t('awards.badges.record')}: ${due.fullName} · ${t('awards.badges.years', { n: due.milestone })}`} onCancel={onClose} footer={null} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} noValidate initialValues={{ decisionDate: due.awardDay <= todayIso() ? due.awardDay : todayIso(), issuer: 'Ban Thường vụ Tỉnh ủy' }}>
        {general && <Alert type="error" showIcon role="alert" message={general} style={{ marginBottom: 12 }} />}
        <Form.Item name="decisionNo" label={t('awards.f.decisionNo')}>
          <Input data-testid="badge-decision-no" />
        </Form.Item>
        <Form.Item name="decisionDate" label={t('awards.f.decisionDate')}>
          <IsoDatePicker value={undefined} onChange={() => undefined} aria-label={t('awards.f.decisionDate')} />
        </Form.Item>
        <Form.Item name="issuer" label={t('awards.f.issuer')}>
          <Input />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="badge-save">
          {t('awards.f.save')}
        </Button>
      </Form>
    </Modal>
  );
}

function BadgesTab() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [year, setYear] = useState(Number(todayIso().slice(0, 4)));
  const due = useBadgesDue(year);
  const [recording, setRecording] = useState<Due | null>(null);
  const narrow = !Grid.useBreakpoint().md;
  const mayWrite = !!me && can(me.role, 'award.write');
  const action = (d: Due) =>
    mayWrite ? (
      <Button size="small" onClick={() => setRecording(d)} data-testid={`badge-record-${d.personId}`}>
        {t('awards.badges.record')}
      </Button>
    ) : null;
  const columns: TableColumnsType<Due> = [
    { title: t('awards.badges.col.member'), key: 'm', render: (_, d) => <Link to={`/members/${d.personId}`}>{d.fullName}</Link> },
    { title: t('awards.badges.col.cell'), key: 'c', render: (_, d) => d.cell.name },
    { title: t('awards.badges.col.admitted'), key: 'a', render: (_, d) => <>{fmtDate(d.firstAdmittedOn)}{d.interrupted && <Tag style={{ marginLeft: 6 }}>{t('awards.badges.interrupted')}</Tag>}</> },
    { title: t('awards.badges.col.milestone'), key: 'ms', render: (_, d) => t('awards.badges.years', { n: d.milestone }) },
    { title: t('awards.badges.col.reached'), key: 'r', render: (_, d) => fmtDate(d.reachedOn) },
    { title: t('awards.badges.col.awardDay'), key: 'w', render: (_, d) => fmtDate(d.awardDay) },
    { title: '', key: 'act', render: (_, d) => action(d) },
  ];
  return (
    <>
      <div className="dv-d-filters">
        <InputNumber aria-label={t('awards.badges.year')} min={1990} max={2100} value={year} onChange={(v) => v && setYear(v)} />
      </div>
      <Typography.Paragraph type="secondary">{t('awards.badges.rule')}</Typography.Paragraph>
      {due.isError ? (
        <PageError error={due.error} onRetry={() => void due.refetch()} />
      ) : (
        <>
          {due.data && (
            <p className="dv-d-figure" data-testid="badges-count">
              {t('awards.badges.count', { n: fmtNumber(due.data.items.length), year })}
            </p>
          )}
          {narrow ? (
            <List<Due>
              loading={due.isFetching}
              dataSource={due.data?.items ?? []}
              locale={{ emptyText: t('awards.badges.empty') }}
              renderItem={(d) => (
                <List.Item key={`${d.personId}-${d.milestone}`} data-testid="badge-due-row">
                  <div style={{ minWidth: 0, width: '100%' }}>
                    <strong>{d.fullName}</strong> · {t('awards.badges.years', { n: d.milestone })}
                    <div className="dv-d-muted">
                      {d.cell.name} · {fmtDate(d.reachedOn)}
                    </div>
                    {action(d)}
                  </div>
                </List.Item>
              )}
            />
          ) : (
            <Table<Due> rowKey={(d) => `${d.personId}-${d.milestone}`} size="middle" columns={columns} dataSource={due.data?.items ?? []} loading={due.isFetching} scroll={{ x: true }} locale={{ emptyText: t('awards.badges.empty') }} pagination={{ pageSize: 50, showSizeChanger: false }} />
          )}
        </>
      )}
      {recording && <BadgeModal due={recording} onClose={() => setRecording(null)} />}
    </>
  );
}

function AwardsTab() {
  const { t, label } = useI18n();
  const { me } = useAuth();
  const mayWrite = !!me && can(me.role, 'award.write');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<AwardOut | null>(null);
  const [sp, setSp] = useSearchParams();
  const page = Math.max(1, Number(sp.get('page')) || 1);
  const kind = sp.get('kind') ?? undefined;
  const year = sp.get('year') ?? undefined;
  const list = useAwardList({ kind, year, page });
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(sp);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setSp(next);
  };
  const recipient = (a: AwardOut) => (a.person ? <Link to={`/members/${a.person.id}`}>{a.person.name}</Link> : (a.org?.name ?? ''));
  // A giấy khen that follows an annual rating is corrected with the rating, not here.
  const edit = (a: AwardOut) =>
    mayWrite && !a.ratingId ? (
      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(a)} data-testid={`award-edit-${a.id}`}>
        {t('common.edit')}
      </Button>
    ) : null;
  const columns: TableColumnsType<AwardOut> = [
    { title: t('awards.col.recipient'), key: 'r', render: (_, a) => recipient(a) },
    { title: t('awards.col.kind'), key: 'k', render: (_, a) => label(AWARD_KIND_LABELS[a.kind]) },
    { title: t('awards.col.title'), key: 't', render: (_, a) => <>{a.title}{a.ratingId && <Tag style={{ marginLeft: 6 }}>{t('awards.fromRating')}</Tag>}</> },
    { title: t('awards.col.year'), key: 'y', render: (_, a) => a.year },
    { title: t('awards.col.level'), key: 'l', render: (_, a) => (a.level ? label(AWARD_LEVEL_LABELS[a.level]) : '') },
    { title: t('awards.col.decision'), key: 'd', render: (_, a) => [a.decisionNo, fmtDate(a.decisionDate), a.issuer].filter(Boolean).join(' · ') },
    { title: '', key: 'act', render: (_, a) => edit(a) },
  ];
  return (
    <>
      {mayWrite && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} style={{ marginBottom: 12 }} data-testid="new-award">
          {t('awards.new')}
        </Button>
      )}
      {creating && <NewAwardModal onClose={() => setCreating(false)} />}
      {editing && <EditAwardModal key={editing.id} award={editing} onClose={() => setEditing(null)} />}
      <div className="dv-d-filters">
        <Select allowClear placeholder={t('awards.filter.kind')} aria-label={t('awards.filter.kind')} value={kind} onChange={(v?: string) => set('kind', v)} options={AWARD_KINDS.map((k) => ({ value: k, label: label(AWARD_KIND_LABELS[k]) }))} style={{ minWidth: 200 }} />
        <InputNumber placeholder={t('awards.filter.year')} aria-label={t('awards.filter.year')} min={1945} max={2100} value={year ? Number(year) : null} onChange={(v) => set('year', v ? String(v) : undefined)} />
      </div>
      {list.isError ? (
        <PageError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <PagedList<AwardOut>
          items={list.data?.items ?? []}
          rowKey={(a) => a.id}
          loading={list.isFetching}
          total={list.data?.total ?? 0}
          page={page}
          pageSize={20}
          onPage={(p) => set('page', String(p))}
          empty={t('awards.empty')}
          columns={columns}
          card={(a) => (
            <>
              <strong>{a.title}</strong> · {a.year}
              <div>{recipient(a)}</div>
              <div className="dv-d-muted">{[label(AWARD_KIND_LABELS[a.kind]), a.decisionNo, fmtDate(a.decisionDate), a.issuer].filter(Boolean).join(' · ')}</div>
              {edit(a)}
            </>
          )}
        />
      )}
    </>
  );
}

export default function AwardsPage() {
  const { t } = useI18n();
  const [sp, setSp] = useSearchParams();
  const tab = sp.get('tab') ?? 'awards';
  useDocumentTitle(t('awards.title'));
  return (
    <div className="dv-d-page">
      <Typography.Title level={1} className="dv-d-title" style={{ marginBottom: 12 }}>
        {t('awards.title')}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setSp(k === 'awards' ? {} : { tab: k })}
        items={[
          { key: 'awards', label: t('awards.tab.awards'), children: tab === 'awards' ? <AwardsTab /> : null },
          { key: 'badges', label: t('awards.tab.badges'), children: tab === 'badges' ? <BadgesTab /> : null },
          { key: 'contests', label: t('awards.tab.contests'), children: tab === 'contests' ? <ContestsTab /> : null },
        ]}
      />
    </div>
  );
}
