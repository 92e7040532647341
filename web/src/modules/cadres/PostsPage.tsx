import {
  CONCURRENCY_COMBO_LABELS,
  CONCURRENCY_COMBOS,
  PARTY_POST_LABELS,
  POST_CATEGORIES,
  POST_CATEGORY_LABELS,
  POST_RULES,
  POST_TITLES,
  ROTATION_KIND_LABELS,
  ROTATION_KINDS,
  type PostTitle,
} from '@dangvu/common';
import { Alert, Button, Form, Input, InputNumber, Select, Table, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { fmtDate, fmtNumber } from '../../ui/format';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { PageError, PageLoading } from '../../ui/PageState';
import { OrgTreeSelect } from '../members/components/OrgTreeSelect';
import { useParam } from '../orgs/shared';
import { ActionModal, DateItem, DecisionItems, PersonSelect } from './ActionModal';
import { useConcurrency, usePosts, useReminders, useRotations, useTerms, useUnits, useVillageHeads, type Post, type Term } from './api';
import './cadres.css';

const TABS = ['posts', 'terms', 'concurrency', 'heads', 'rotations'] as const;

/** Committee terms, posts of every kind, concurrency, village heads who are members, rotations. */
export default function PostsPage() {
  const { t } = useI18n();
  const { me } = useAuth();
  const canWrite = me?.role === 'quan_tri' || me?.role === 'can_bo_to_chuc';
  const [tab, setTab] = useParam('tab');
  const [asOf, setAsOf] = useParam('asOf');
  const [org, setOrg] = useParam('org');
  const active = (TABS as readonly string[]).includes(tab ?? '') ? tab! : 'posts';
  const props = { asOf, org, canWrite };
  return (
    <div>
      <Typography.Title level={1} className="cd-title">
        {t('cadres.posts.title')}
      </Typography.Title>
      <div className="cd-filters" role="search">
        <div className="cd-field cd-field-date">
          <label htmlFor="posts-asof">{t('common.asOf')}</label>
          <IsoDatePicker id="posts-asof" value={asOf} onChange={(v) => setAsOf(v)} />
        </div>
        <div className="cd-field">
          <label htmlFor="posts-org">{t('cadres.f.org')}</label>
          <OrgTreeSelect id="posts-org" value={org} onChange={(v) => setOrg(v)} placeholder={t('cadres.allScope')} />
        </div>
      </div>
      <Tabs
        activeKey={active}
        onChange={(k) => setTab(k === 'posts' ? undefined : k)}
        items={[
          { key: 'posts', label: t('cadres.tab.posts'), children: <PostsTab {...props} /> },
          { key: 'terms', label: t('cadres.tab.terms'), children: <TermsTab {...props} /> },
          { key: 'concurrency', label: t('cadres.tab.concurrency'), children: <ConcurrencyTab {...props} /> },
          { key: 'heads', label: t('cadres.tab.heads'), children: <HeadsTab {...props} /> },
          { key: 'rotations', label: t('cadres.tab.rotations'), children: <RotationsTab {...props} /> },
        ]}
      />
    </div>
  );
}

interface TabProps {
  asOf: string | undefined;
  org: string | undefined;
  canWrite: boolean;
}

function useTitleLabel() {
  const { label } = useI18n();
  return (k: string | null | undefined) => (k ? label((PARTY_POST_LABELS as Record<string, { vi: string; en: string }>)[k], k) : '');
}

function PostsTab({ asOf, org, canWrite }: TabProps) {
  const { t, label } = useI18n();
  const titleOf = useTitleLabel();
  const [category, setCategory] = useState<string | undefined>();
  const [appoint, setAppoint] = useState(false);
  const [ending, setEnding] = useState<Post | null>(null);
  const posts = usePosts({ asOf, org, category });
  return (
    <section aria-label={t('cadres.tab.posts')}>
      <div className="cd-toolbar">
        <Select
          aria-label={t('cadres.f.category')}
          allowClear
          placeholder={t('cadres.f.category')}
          value={category}
          onChange={setCategory}
          style={{ minWidth: 200, maxWidth: '100%' }}
          options={POST_CATEGORIES.map((c) => ({ value: c, label: label(POST_CATEGORY_LABELS[c]) }))}
        />
        {canWrite && (
          <Button type="primary" onClick={() => setAppoint(true)}>
            {t('cadres.posts.appoint')}
          </Button>
        )}
      </div>
      <div className="cd-panel">
        {posts.isPending ? (
          <PageLoading />
        ) : posts.isError ? (
          <PageError error={posts.error} onRetry={() => void posts.refetch()} />
        ) : (
          <Table<Post>
            size="small"
            rowKey="id"
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            dataSource={posts.data.items}
            columns={[
              { title: t('cadres.col.person'), dataIndex: 'fullName', render: (v: string, p) => <><Link to={`/members/${p.personId}`}>{v}</Link>{!p.isMember && <span className="cd-tag" style={{ marginInlineStart: 4 }}>{t('cadres.nonMember')}</span>}</> },
              { title: t('cadres.col.title'), dataIndex: 'title', render: (v: string, p) => <>{titleOf(v)}{p.hostUnitName ? <div className="cd-meta">{p.hostUnitName}</div> : null}</> },
              { title: t('cadres.col.org'), dataIndex: 'orgName', render: (v: string, p) => <Link to={`/orgs/${p.orgId}`}>{v}</Link> },
              { title: t('cadres.col.since'), dataIndex: 'validFrom', render: (d: string) => fmtDate(d) },
              { title: t('cadres.col.decision'), dataIndex: 'decisionNo' },
              ...(canWrite ? [{ title: '', key: 'a', render: (_: unknown, p: Post) => (p.validTo ? null : <Button size="small" onClick={() => setEnding(p)}>{t('cadres.posts.end')}</Button>) }] : []),
            ]}
          />
        )}
      </div>
      {appoint && <AppointForm org={org} onClose={() => setAppoint(false)} />}
      {ending && (
        <ActionModal<Record<string, unknown>>
          open
          title={`${t('cadres.posts.end')}: ${ending.fullName} — ${titleOf(ending.title)}`}
          onClose={() => setEnding(null)}
          onSubmit={(v) => api('POST', `/posts/${ending.id}/end`, { ...v, version: ending.version })}
        >
          <DateItem name="validTo" label={t('cadres.f.validTo')} />
          <Form.Item name="decisionNo" label={t('cadres.f.decisionNo')}>
            <Input />
          </Form.Item>
          <Form.Item name="reason" label={t('cadres.f.reason')}>
            <Input />
          </Form.Item>
        </ActionModal>
      )}
    </section>
  );
}

function AppointForm({ org, onClose }: { org: string | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const titleOf = useTitleLabel();
  const [form] = Form.useForm<Record<string, unknown>>();
  const title = Form.useWatch('title', form) as PostTitle | undefined;
  const orgId = Form.useWatch('orgId', form) as string | undefined;
  const needsUnit = !!title && !!POST_RULES[title].hostKinds;
  const single = !!title && POST_RULES[title].single !== null;
  const units = useUnits({ org: orgId, pageSize: 500 });
  const holders = usePosts({ org: orgId, title });
  const terms = useTerms({ org: orgId });
  const req = [{ required: true, message: t('cadres.required') }];
  return (
    <ActionModal<Record<string, unknown>> open form={form} title={t('cadres.posts.appoint')} onClose={onClose} initialValues={{ orgId: org }} onSubmit={(v) => api('POST', '/posts', v)}>
      <Form.Item name="orgId" label={t('cadres.f.org')} rules={req}>
        <OrgTreeSelect />
      </Form.Item>
      <Form.Item name="title" label={t('cadres.col.title')} rules={req}>
        <Select options={POST_TITLES.map((p) => ({ value: p, label: titleOf(p) }))} />
      </Form.Item>
      {title && POST_RULES[title].partyOnly && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('cadres.posts.partyOnly')} />}
      <Form.Item name="personId" label={t('cadres.f.person')} rules={req}>
        <PersonSelect />
      </Form.Item>
      {needsUnit && (
        <Form.Item name="hostUnitId" label={t('cadres.f.hostUnit')} rules={req}>
          <Select
            showSearch
            optionFilterProp="label"
            options={(units.data?.items ?? []).filter((u) => POST_RULES[title].hostKinds!.includes(u.kind)).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Form.Item>
      )}
      {single && orgId && (holders.data?.items.length ?? 0) > 0 && (
        <Form.Item name="replacePostId" label={t('cadres.f.replace')} extra={t('cadres.posts.replaceHelp')}>
          <Select allowClear options={(holders.data?.items ?? []).map((h) => ({ value: h.id, label: `${h.fullName}${h.hostUnitName ? ` — ${h.hostUnitName}` : ''} (${fmtDate(h.validFrom)})` }))} />
        </Form.Item>
      )}
      {title && POST_RULES[title].category === 'dang' && (
        <Form.Item name="termId" label={t('cadres.f.term')}>
          <Select allowClear options={(terms.data?.items ?? []).filter((x) => x.orgId === orgId).map((x) => ({ value: x.id, label: x.name }))} />
        </Form.Item>
      )}
      <DateItem name="validFrom" label={t('cadres.f.validFrom')} />
      <DecisionItems />
    </ActionModal>
  );
}

function TermsTab({ asOf, org, canWrite }: TabProps) {
  const { t } = useI18n();
  const [months, setMonths] = useState(6);
  const [create, setCreate] = useState(false);
  const [ending, setEnding] = useState<Term | null>(null);
  const terms = useTerms({ asOf, org });
  const reminders = useReminders({ org, months });
  const cols = [
    { title: t('cadres.col.org'), dataIndex: 'orgName', render: (v: string, x: Term) => <Link to={`/orgs/${x.orgId}`}>{v}</Link> },
    { title: t('cadres.col.term'), dataIndex: 'name', render: (v: string, x: Term) => <>{v}{x.congress ? <div className="cd-meta">{x.congress}</div> : null}</> },
    { title: t('cadres.col.start'), dataIndex: 'startDate', render: (d: string) => fmtDate(d) },
    { title: t('cadres.col.plannedEnd'), dataIndex: 'plannedEndDate', render: (d: string) => fmtDate(d) },
    { title: t('cadres.col.end'), dataIndex: 'endDate', render: (d: string | null) => fmtDate(d) },
  ];
  return (
    <section aria-label={t('cadres.tab.terms')}>
      <Typography.Title level={2} className="cd-h2">
        {t('cadres.terms.reminders')}
      </Typography.Title>
      <div className="cd-toolbar">
        <label htmlFor="terms-months">{t('cadres.terms.months')}</label>
        <InputNumber id="terms-months" min={0} max={120} value={months} onChange={(v) => setMonths(v ?? 6)} />
      </div>
      <div className="cd-panel">
        {reminders.isPending ? (
          <PageLoading />
        ) : reminders.isError ? (
          <PageError error={reminders.error} />
        ) : (
          <Table<Term>
            size="small"
            rowKey="id"
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={reminders.data.items}
            locale={{ emptyText: t('cadres.terms.noReminders') }}
            columns={[
              ...cols,
              { title: '', dataIndex: 'reminder', render: (r: 'overdue' | 'due_soon') => <span className={`cd-tag ${r === 'overdue' ? 'cd-tag-bad' : 'cd-tag-warn'}`}>{t(`cadres.terms.${r}`)}</span> },
            ]}
          />
        )}
      </div>
      <Typography.Title level={2} className="cd-h2">
        {t('cadres.terms.all')}
      </Typography.Title>
      {canWrite && (
        <div className="cd-toolbar">
          <Button type="primary" onClick={() => setCreate(true)}>
            {t('cadres.terms.create')}
          </Button>
        </div>
      )}
      <div className="cd-panel">
        {terms.isPending ? (
          <PageLoading />
        ) : terms.isError ? (
          <PageError error={terms.error} />
        ) : (
          <Table<Term>
            size="small"
            rowKey="id"
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            dataSource={terms.data.items}
            columns={[...cols, ...(canWrite ? [{ title: '', key: 'a', render: (_: unknown, x: Term) => (x.endDate ? null : <Button size="small" onClick={() => setEnding(x)}>{t('cadres.terms.end')}</Button>) }] : [])]}
          />
        )}
      </div>
      {create && (
        <ActionModal<Record<string, unknown>> open title={t('cadres.terms.create')} onClose={() => setCreate(false)} initialValues={{ orgId: org }} onSubmit={(v) => api('POST', '/terms', v)}>
          <Form.Item name="orgId" label={t('cadres.f.org')} rules={[{ required: true, message: t('cadres.required') }]}>
            <OrgTreeSelect />
          </Form.Item>
          <Form.Item name="name" label={t('cadres.f.termName')} rules={[{ required: true, message: t('cadres.required') }]}>
            <Input placeholder="Nhiệm kỳ 2025–2030" />
          </Form.Item>
          <Form.Item name="congress" label={t('cadres.f.congress')}>
            <Input placeholder="Đại hội lần thứ …" />
          </Form.Item>
          <DateItem name="startDate" label={t('cadres.col.start')} />
          <Form.Item name="plannedEndDate" label={t('cadres.col.plannedEnd')} rules={[{ required: true, message: t('cadres.required') }]}>
            <IsoDatePicker allowFuture value={undefined} onChange={() => undefined} />
          </Form.Item>
          <DecisionItems />
        </ActionModal>
      )}
      {ending && (
        <ActionModal<Record<string, unknown>> open title={`${t('cadres.terms.end')}: ${ending.orgName} — ${ending.name}`} onClose={() => setEnding(null)} onSubmit={(v) => api('PATCH', `/terms/${ending.id}`, { ...v, version: ending.version })}>
          <Typography.Paragraph className="cd-meta">{t('cadres.terms.endHelp')}</Typography.Paragraph>
          <DateItem name="endDate" label={t('cadres.col.end')} />
        </ActionModal>
      )}
    </section>
  );
}

function ConcurrencyTab({ asOf, org }: TabProps) {
  const { t, label } = useI18n();
  const titleOf = useTitleLabel();
  const [combo, setCombo] = useState<string | undefined>();
  const c = useConcurrency({ asOf, org });
  if (c.isPending) return <PageLoading />;
  if (c.isError) return <PageError error={c.error} onRetry={() => void c.refetch()} />;
  const people = combo ? c.data.people.filter((p) => p.combos.includes(combo)) : c.data.people;
  return (
    <section aria-label={t('cadres.tab.concurrency')}>
      <div className="cd-figures">
        <Button className={`cd-figure ${!combo ? 'cd-on' : ''}`} onClick={() => setCombo(undefined)} aria-pressed={!combo}>
          <strong>{fmtNumber(c.data.total)}</strong>
          <span>{t('cadres.conc.total')}</span>
        </Button>
        {CONCURRENCY_COMBOS.map((k) => (
          <Button key={k} className={`cd-figure ${combo === k ? 'cd-on' : ''}`} onClick={() => setCombo(k)} aria-pressed={combo === k}>
            <strong>{fmtNumber(c.data.combos[k] ?? 0)}</strong>
            <span>{label(CONCURRENCY_COMBO_LABELS[k])}</span>
          </Button>
        ))}
      </div>
      <div className="cd-panel">
        <ul className="cd-list" aria-label={t('cadres.conc.list')}>
          {people.length === 0 && <li>{t('common.none')}</li>}
          {people.map((p) => (
            <li key={p.personId}>
              <Link to={`/members/${p.personId}`}>
                <strong>{p.fullName}</strong>
              </Link>
              <span className="cd-meta">{p.posts.map((x) => `${titleOf(x.title)}${x.hostUnitName ? ` ${x.hostUnitName}` : ''} (${x.orgName})`).join('; ')}</span>
              {p.combos.map((k) => (
                <span key={k} className="cd-tag cd-tag-warn">
                  {label(CONCURRENCY_COMBO_LABELS[k as keyof typeof CONCURRENCY_COMBO_LABELS])}
                </span>
              ))}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

function HeadsTab({ asOf, org }: TabProps) {
  const { t } = useI18n();
  const titleOf = useTitleLabel();
  const [onlyMembers, setOnlyMembers] = useState(false);
  const h = useVillageHeads({ asOf, org });
  if (h.isPending) return <PageLoading />;
  if (h.isError) return <PageError error={h.error} onRetry={() => void h.refetch()} />;
  const share = h.data.total ? (100 * h.data.members) / h.data.total : 0;
  return (
    <section aria-label={t('cadres.tab.heads')}>
      <p className="cd-ratio">
        <strong>
          {fmtNumber(h.data.members)}/{fmtNumber(h.data.total)}
        </strong>{' '}
        {t('cadres.heads.sentence', { share: fmtNumber(share, 2) })}
      </p>
      <div className="cd-toolbar">
        <Button aria-pressed={!onlyMembers} type={!onlyMembers ? 'primary' : 'default'} onClick={() => setOnlyMembers(false)}>
          {t('cadres.heads.all', { n: fmtNumber(h.data.total) })}
        </Button>
        <Button aria-pressed={onlyMembers} type={onlyMembers ? 'primary' : 'default'} onClick={() => setOnlyMembers(true)}>
          {t('cadres.heads.members', { n: fmtNumber(h.data.members) })}
        </Button>
      </div>
      <div className="cd-panel">
        <Table<Post>
          size="small"
          rowKey="id"
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          dataSource={onlyMembers ? h.data.items.filter((i) => i.isMember) : h.data.items}
          columns={[
            { title: t('cadres.col.unit'), dataIndex: 'hostUnitName' },
            { title: t('cadres.col.org'), dataIndex: 'orgName' },
            { title: t('cadres.col.person'), dataIndex: 'fullName', render: (v: string, p) => <Link to={`/members/${p.personId}`}>{v}</Link> },
            { title: t('cadres.col.title'), dataIndex: 'title', render: (v: string) => titleOf(v) },
            { title: t('cadres.col.member'), dataIndex: 'isMember', render: (m: boolean) => <span className={`cd-tag ${m ? 'cd-tag-ok' : ''}`}>{m ? t('cadres.member') : t('cadres.nonMember')}</span> },
            { title: t('cadres.col.since'), dataIndex: 'validFrom', render: (d: string) => fmtDate(d) },
          ]}
        />
      </div>
    </section>
  );
}

function RotationsTab({ org, canWrite }: TabProps) {
  const { t, label } = useI18n();
  const titleOf = useTitleLabel();
  const [from, setFrom] = useState<string | undefined>(`${new Date().getFullYear() - 1}-01-01`);
  const [to, setTo] = useState<string | undefined>();
  const [kind, setKind] = useState<string | undefined>();
  const [create, setCreate] = useState(false);
  const r = useRotations({ org, from, to, kind });
  const req = [{ required: true, message: t('cadres.required') }];
  return (
    <section aria-label={t('cadres.tab.rotations')}>
      <div className="cd-filters">
        <div className="cd-field cd-field-date">
          <label htmlFor="rot-from">{t('cadres.f.from')}</label>
          <IsoDatePicker id="rot-from" value={from} onChange={setFrom} />
        </div>
        <div className="cd-field cd-field-date">
          <label htmlFor="rot-to">{t('cadres.f.to')}</label>
          <IsoDatePicker id="rot-to" value={to} onChange={setTo} />
        </div>
        <div className="cd-field">
          <label htmlFor="rot-kind">{t('cadres.f.kind')}</label>
          <Select id="rot-kind" allowClear value={kind} onChange={setKind} style={{ width: '100%' }} options={ROTATION_KINDS.map((k) => ({ value: k, label: label(ROTATION_KIND_LABELS[k]) }))} />
        </div>
      </div>
      {canWrite && (
        <div className="cd-toolbar">
          <Button type="primary" onClick={() => setCreate(true)}>
            {t('cadres.rot.create')}
          </Button>
        </div>
      )}
      <div className="cd-panel">
        {r.isPending ? (
          <PageLoading />
        ) : r.isError ? (
          <PageError error={r.error} onRetry={() => void r.refetch()} />
        ) : (
          <Table
            size="small"
            rowKey="id"
            scroll={{ x: 'max-content' }}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            dataSource={r.data.items}
            columns={[
              { title: t('cadres.col.date'), dataIndex: 'effectiveDate', render: (d: string) => fmtDate(d) },
              { title: t('cadres.f.kind'), dataIndex: 'kind', render: (k: string) => label(ROTATION_KIND_LABELS[k as keyof typeof ROTATION_KIND_LABELS], k) },
              { title: t('cadres.col.person'), dataIndex: 'fullName', render: (v: string, x) => <Link to={`/members/${x.personId}`}>{v}</Link> },
              { title: t('cadres.f.fromOrg'), dataIndex: 'fromOrgName', render: (v: string, x) => <>{v}{x.fromTitle ? <div className="cd-meta">{titleOf(x.fromTitle)}</div> : null}</> },
              { title: t('cadres.f.toOrg'), dataIndex: 'toOrgName', render: (v: string, x) => <>{v}{x.toTitle ? <div className="cd-meta">{titleOf(x.toTitle)}</div> : null}</> },
              { title: t('cadres.col.decision'), dataIndex: 'decisionNo', render: (v: string, x) => <>{v}<div className="cd-meta">{x.issuer}</div></> },
            ]}
          />
        )}
      </div>
      {create && (
        <ActionModal<Record<string, unknown> & { newTitle?: string }>
          open
          title={t('cadres.rot.create')}
          onClose={() => setCreate(false)}
          onSubmit={({ newTitle, ...v }) => api('POST', '/rotations', { ...v, newPost: newTitle ? { title: newTitle } : null })}
        >
          <Form.Item name="kind" label={t('cadres.f.kind')} rules={req}>
            <Select options={ROTATION_KINDS.map((k) => ({ value: k, label: label(ROTATION_KIND_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item name="personId" label={t('cadres.f.rotated')} rules={req}>
            <PersonSelect />
          </Form.Item>
          <Form.Item name="fromOrgId" label={t('cadres.f.fromOrg')} rules={req}>
            <OrgTreeSelect />
          </Form.Item>
          <Form.Item name="toOrgId" label={t('cadres.f.toOrg')} rules={req}>
            <OrgTreeSelect />
          </Form.Item>
          <EndPostItem />
          <Form.Item name="newTitle" label={t('cadres.f.newPost')}>
            <Select allowClear options={POST_TITLES.map((p) => ({ value: p, label: titleOf(p) }))} />
          </Form.Item>
          <DateItem name="effectiveDate" label={t('cadres.f.effectiveDate')} />
          <DecisionItems required />
        </ActionModal>
      )}
    </section>
  );
}

/** The post the rotated person leaves: one of their posts held today. */
function EndPostItem() {
  const { t } = useI18n();
  const titleOf = useTitleLabel();
  const form = Form.useFormInstance();
  const personId = Form.useWatch('personId', form) as string | undefined;
  const posts = useQuery({ queryKey: ['cadres', 'posts', 'of', personId], queryFn: () => api<{ items: Post[] }>('GET', `/posts${qs({ person: personId })}`), enabled: !!personId });
  return (
    <Form.Item name="endPostId" label={t('cadres.f.endPost')}>
      <Select allowClear options={(posts.data?.items ?? []).map((p) => ({ value: p.id, label: `${titleOf(p.title)} — ${p.orgName}` }))} />
    </Form.Item>
  );
}
