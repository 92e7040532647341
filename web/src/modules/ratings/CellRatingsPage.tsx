import {
  can,
  ratingLevelFromScore,
  todayIso,
  RATING_DISCIPLINE_WORDS,
  RATING_EXEMPT_LABELS,
  RATING_EXEMPT_REASONS,
  RATING_LEVEL_LABELS,
  RATING_RULE_SETS,
  RATING_STATE_LABELS,
  type RatingExemptReason,
  type RatingLevel,
} from '@dangvu/common';
import { Alert, App, Button, Checkbox, Grid, InputNumber, List, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { fmtDate, fmtNumber } from '../../ui/format';
import { PageError, PageLoading } from '../../ui/PageState';
import { useDocumentTitle } from '../members/useDocumentTitle';
import { useCellRatings, useSaveCellRatings, type CellRow, type RowInput } from './api';
import './ratings.css';

type Field = 'selfLevel' | 'selfScore' | 'score' | 'proposedLevel' | 'excellentConditions' | 'exemptReason' | 'personId';
type RowErrors = Record<string, Partial<Record<Field, string>>>;

const thisYear = Number(todayIso().slice(0, 4));
const YEARS = Array.from({ length: 10 }, (_, i) => thisYear - i);

/** What the table shows for a row before any edit: the saved rating, or empty. */
function initial(r: CellRow): RowInput {
  const x = r.rating;
  return {
    personId: r.personId,
    version: x?.version ?? null,
    selfLevel: x?.selfLevel ?? null,
    selfScore: x?.selfScore ?? null,
    proposedLevel: x?.state === 'khong_xep_loai' ? null : (x?.proposedLevel ?? null),
    score: x?.state === 'khong_xep_loai' ? null : (x?.proposedScore ?? null),
    excellentConditions: x?.excellentConditions ?? false,
    exemptReason: x?.state === 'khong_xep_loai' ? x.exemptReason : null,
    note: null,
  };
}
const same = (a: RowInput, b: RowInput) =>
  a.selfLevel === b.selfLevel && a.selfScore === b.selfScore && a.proposedLevel === b.proposedLevel && a.score === b.score && a.excellentConditions === b.excellentConditions && a.exemptReason === b.exemptReason;

/**
 * The cell secretary's table: one row per member of the cell in the year, everything saved in
 * one request. The level is suggested from the score under the year's rule set; the server's
 * per-row errors come back to the cells they are about.
 */
export default function CellRatingsPage() {
  const { orgId = '' } = useParams();
  const [sp, setSp] = useSearchParams();
  const year = YEARS.includes(Number(sp.get('year'))) ? Number(sp.get('year')) : thisYear;
  const { t, label } = useI18n();
  const { me } = useAuth();
  const { message } = App.useApp();
  const q = useCellRatings(orgId, year);
  const save = useSaveCellRatings(orgId, year);
  const narrow = !Grid.useBreakpoint().md;
  const [drafts, setDrafts] = useState<Record<string, RowInput>>({});
  const [errors, setErrors] = useState<RowErrors>({});
  const [problem, setProblem] = useState<'errors' | 'stale' | null>(null);
  const [date, setDate] = useState<string>(year === thisYear ? todayIso() : `${year}-12-15`);
  useDocumentTitle(q.data ? `${t('ratings.cell.title', { year })} – ${q.data.org.name}` : t('ratings.title'));

  const data = q.data;
  // A new load (another year, a save, a reload) starts the table again from what is stored.
  useEffect(() => {
    if (!data) return;
    setDrafts(Object.fromEntries(data.rows.map((r) => [r.personId, initial(r)])));
    setErrors({});
  }, [data]);
  useEffect(() => setDate(year === thisYear ? todayIso() : `${year}-12-15`), [year]);

  const dirty = useMemo(() => (data ? data.rows.filter((r) => drafts[r.personId] && !same(drafts[r.personId]!, initial(r))) : []), [data, drafts]);
  const mayWrite = !!me && can(me.role, 'rating.write');

  if (q.isError) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  if (!data) return <PageLoading />;
  const rules = RATING_RULE_SETS[data.ruleSet.id];
  const bands = data.ruleSet.scoreBands;
  const levelOptions = data.scale.map((l) => ({ value: l, label: label(RATING_LEVEL_LABELS[l]) }));
  const exemptOptions = RATING_EXEMPT_REASONS.map((r) => ({ value: r, label: label(RATING_EXEMPT_LABELS[r]) }));

  const set = (personId: string, patch: Partial<RowInput>) => {
    setDrafts((d) => ({ ...d, [personId]: { ...d[personId]!, ...patch } }));
    setErrors((e) => {
      if (!e[personId]) return e;
      const next = { ...e[personId] };
      for (const k of Object.keys(patch)) delete next[k as Field];
      return { ...e, [personId]: next };
    });
  };
  const suggestion = (d: RowInput): RatingLevel | null => (rules && d.score !== null ? ratingLevelFromScore(rules, 'dang_vien', d.score, d.excellentConditions) : null);
  const decided = (r: CellRow) => r.rating?.state === 'quyet_dinh';

  async function onSave() {
    if (!data) return;
    setProblem(null);
    if (!dirty.length) return void message.info(t('ratings.cell.nothing'));
    try {
      const res = await save.mutateAsync({ year, date, rows: dirty.map((r) => drafts[r.personId]!) });
      void message.success(t('ratings.cell.saved', { n: res.saved }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) return setProblem('stale');
      if (e instanceof ApiError && e.status === 422 && e.details && typeof e.details === 'object' && 'rows' in e.details) {
        const rows = (e.details as { rows: { personId: string; field: string; message: string }[] }).rows;
        const next: RowErrors = {};
        for (const r of rows) {
          const field = r.field.split('.').pop() as Field;
          next[r.personId] = { ...next[r.personId], [field]: r.message };
        }
        setErrors(next);
        return setProblem('errors');
      }
      void message.error(e instanceof Error ? e.message : t('common.error'));
    }
  }

  const who = (r: CellRow) => (
    <div className="dv-r-who">
      <strong>{r.fullName}</strong>
      <div className="dv-r-muted">
        {fmtDate(r.birthDate)}
        {r.admittedOn ? ` · ${t('ratings.cell.admitted', { date: fmtDate(r.admittedOn) })}` : ''}
      </div>
      {r.discipline && (
        <Tag color="red" className="dv-r-tag">
          {t('ratings.cell.disciplined', { form: RATING_DISCIPLINE_WORDS[r.discipline.form] ?? r.discipline.form, no: r.discipline.decisionNo })}
        </Tag>
      )}
      {r.suggestedExempt && !drafts[r.personId]?.exemptReason && (
        <Tag color="gold" className="dv-r-tag">
          {t('ratings.cell.suggestExempt', { reason: label(RATING_EXEMPT_LABELS[r.suggestedExempt as RatingExemptReason]) })}
        </Tag>
      )}
      {Object.values(errors[r.personId] ?? {}).map((m) => (
        <div key={m} className="dv-r-error" role="alert">
          {m}
        </div>
      ))}
    </div>
  );

  /** One input per column, shared by the table (wide screens) and the cards (phones). */
  const field = (r: CellRow, f: Exclude<Field, 'personId'>) => {
    const d = drafts[r.personId];
    if (!d) return null;
    const err = errors[r.personId]?.[f] ? 'error' : undefined;
    const off = !mayWrite || decided(r);
    const name = (key: Parameters<typeof t>[0]) => `${t(key)} – ${r.fullName}`;
    const exempt = !!d.exemptReason;
    switch (f) {
      case 'selfLevel':
        return <Select allowClear size="middle" status={err} disabled={off} aria-label={name('ratings.cell.self')} value={d.selfLevel ?? undefined} onChange={(v?: RatingLevel) => set(r.personId, { selfLevel: v ?? null })} options={levelOptions} className="dv-r-select" />;
      case 'selfScore':
        return <InputNumber min={0} max={100} status={err} disabled={off} aria-label={name('ratings.cell.selfScore')} value={d.selfScore} onChange={(v) => set(r.personId, { selfScore: v ?? null })} className="dv-r-num" />;
      case 'score':
        return <InputNumber min={0} max={100} status={err} disabled={off || exempt} aria-label={name('ratings.cell.score')} value={d.score} onChange={(v) => set(r.personId, { score: v ?? null })} className="dv-r-num" />;
      case 'proposedLevel': {
        const s = suggestion(d);
        return (
          <div>
            <Select
              allowClear
              status={err}
              disabled={off || exempt}
              aria-label={name('ratings.cell.proposed')}
              placeholder={s ? label(RATING_LEVEL_LABELS[s]) : undefined}
              value={d.proposedLevel ?? undefined}
              onChange={(v?: RatingLevel) => set(r.personId, { proposedLevel: v ?? null })}
              options={levelOptions}
              className="dv-r-select"
            />
            {s && !d.proposedLevel && <div className="dv-r-muted">{t('ratings.cell.suggest', { level: RATING_LEVEL_LABELS[s].short })}</div>}
          </div>
        );
      }
      case 'excellentConditions':
        return (
          <Checkbox disabled={off || exempt} checked={d.excellentConditions} aria-label={name('ratings.cell.conditions')} onChange={(e) => set(r.personId, { excellentConditions: e.target.checked })}>
            {narrow ? t('ratings.cell.conditions') : null}
          </Checkbox>
        );
      case 'exemptReason':
        return (
          <Select
            allowClear
            status={err}
            disabled={off}
            aria-label={name('ratings.cell.exempt')}
            value={d.exemptReason ?? undefined}
            onChange={(v?: string) => set(r.personId, { exemptReason: v ?? null, ...(v ? { proposedLevel: null, score: null } : {}) })}
            options={exemptOptions}
            className="dv-r-select"
          />
        );
    }
  };
  const stateTag = (r: CellRow) =>
    decided(r) ? (
      <Tag color="green">{t('ratings.cell.decided', { level: RATING_LEVEL_LABELS[r.rating!.level!]?.short ?? '' })}</Tag>
    ) : (
      <Tag>{label(RATING_STATE_LABELS[r.rating?.state ?? 'moi'])}</Tag>
    );

  const columns: TableColumnsType<CellRow> = [
    { title: t('ratings.cell.member'), key: 'who', fixed: 'left', width: 220, render: (_, r) => who(r) },
    { title: t('ratings.cell.self'), key: 'self', render: (_, r) => field(r, 'selfLevel') },
    ...(bands ? [{ title: t('ratings.cell.selfScore'), key: 'selfScore', render: (_: unknown, r: CellRow) => field(r, 'selfScore') }] : []),
    ...(bands ? [{ title: t('ratings.cell.score'), key: 'score', render: (_: unknown, r: CellRow) => field(r, 'score') }] : []),
    { title: t('ratings.cell.proposed'), key: 'proposed', render: (_, r) => field(r, 'proposedLevel') },
    ...(data.ruleSet.excellentNeedsConditions ? [{ title: t('ratings.cell.conditions'), key: 'cond', render: (_: unknown, r: CellRow) => field(r, 'excellentConditions') }] : []),
    { title: t('ratings.cell.exempt'), key: 'exempt', render: (_, r) => field(r, 'exemptReason') },
    { title: t('ratings.cell.state'), key: 'state', render: (_, r) => stateTag(r) },
  ];

  return (
    <div className="dv-r-page">
      <Link to="/ratings">{t('ratings.cell.back')}</Link>
      <Typography.Title level={1} className="dv-r-title">
        {t('ratings.cell.title', { year })} – {data.org.name}
      </Typography.Title>
      <Space wrap className="dv-r-controls">
        <label>
          {t('ratings.cell.year')}{' '}
          <Select aria-label={t('ratings.cell.year')} value={year} onChange={(y: number) => setSp({ year: String(y) })} options={YEARS.map((y) => ({ value: y, label: String(y) }))} style={{ width: 100 }} />
        </label>
        <label>
          {t('ratings.cell.date')} <IsoDatePicker aria-label={t('ratings.cell.date')} value={date} onChange={(v) => v && setDate(v)} />
        </label>
      </Space>
      <Alert
        type="info"
        className="dv-r-alert"
        message={t('ratings.cell.rules', { name: data.ruleSet.name })}
        description={
          <>
            {bands && <div>{t('ratings.cell.bands', { xs: bands[0], tot: bands[1], ht: bands[2] })}</div>}
            {data.ruleSet.capShare !== null && (
              <div>{t('ratings.cell.cap', { n: data.cap.excellent, max: data.cap.allowed, share: fmtNumber(data.ruleSet.capShare * 100), base: data.cap.base })}</div>
            )}
          </>
        }
      />
      {problem === 'errors' && <Alert type="error" showIcon className="dv-r-alert" message={t('ratings.cell.errors')} />}
      {problem === 'stale' && (
        <Alert
          type="warning"
          showIcon
          className="dv-r-alert"
          message={t('ratings.cell.stale')}
          action={
            <Button onClick={() => (setProblem(null), void q.refetch())}>
              {t('ratings.cell.reload')}
            </Button>
          }
        />
      )}
      {narrow ? (
        <List<CellRow>
          dataSource={data.rows}
          locale={{ emptyText: t('ratings.cell.empty') }}
          renderItem={(r) => (
            <List.Item key={r.personId} className="dv-r-card" data-testid={`rating-row-${r.personId}`}>
              <div className="dv-r-card-body">
                {who(r)}
                {stateTag(r)}
                <CardField title={t('ratings.cell.self')}>{field(r, 'selfLevel')}</CardField>
                {bands && <CardField title={t('ratings.cell.selfScore')}>{field(r, 'selfScore')}</CardField>}
                {bands && <CardField title={t('ratings.cell.score')}>{field(r, 'score')}</CardField>}
                <CardField title={t('ratings.cell.proposed')}>{field(r, 'proposedLevel')}</CardField>
                {data.ruleSet.excellentNeedsConditions && field(r, 'excellentConditions')}
                <CardField title={t('ratings.cell.exempt')}>{field(r, 'exemptReason')}</CardField>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Table<CellRow> rowKey="personId" size="small" columns={columns} dataSource={data.rows} pagination={false} scroll={{ x: 'max-content' }} locale={{ emptyText: t('ratings.cell.empty') }} />
      )}
      {mayWrite && (
        <div className="dv-r-savebar">
          {dirty.length > 0 && <span className="dv-r-muted">{t('ratings.cell.dirty', { n: dirty.length })}</span>}
          <Button type="primary" size="large" loading={save.isPending} onClick={() => void onSave()}>
            {t('ratings.cell.save')}
          </Button>
        </div>
      )}
    </div>
  );
}

function CardField({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="dv-r-cardfield">
      <div className="dv-r-muted">{title}</div>
      {children}
    </div>
  );
}

