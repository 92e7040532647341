import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import {
  can,
  contestEntryIn,
  CONTEST_PRIZE_LABELS,
  CONTEST_PRIZES,
  CONTEST_ROUND_KINDS,
  CONTEST_ROUND_LABELS,
  createContestIn,
  todayIso,
  type ContestDetailOut,
} from '@dangvu/common';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, List, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { fmtDate, fmtNumber } from '../../ui/format';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { PageError, PageLoading } from '../../ui/PageState';
import { ConflictAlert } from '../documents/ConflictAlert';
import { isStale, placeErrors, serverEntries } from '../documents/formErrors';
import { useOrgTree } from '../members/api';
import { awardKeys, useContest, useContests, type ContestSummary } from './api';
import { PersonPicker } from './PersonPicker';

type Round = ContestDetailOut['roundList'][number];

const CONTEST_FIELDS = ['orgId', 'contestName', 'contestYear', 'decisionNo', 'rounds'] as const;
interface ContestValues {
  orgId?: string;
  contestName?: string;
  contestYear?: number | null;
  decisionNo?: string;
  rounds?: { roundKind: string; roundName?: string; roundDate?: string }[];
}

/** A contest and its rounds in date order (sơ khảo … chung khảo). */
function NewContestForm({ onDone, onCancel }: { onDone: (id: string) => void; onCancel: () => void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<ContestValues>();
  const qc = useQueryClient();
  const tree = useOrgTree();
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const top = tree.data?.nodes[0]?.orgId;
  useEffect(() => {
    if (top && !form.getFieldValue('orgId')) form.setFieldValue('orgId', top);
  }, [top, form]);

  const onFinish = async (v: ContestValues) => {
    setGeneral(null);
    const body = {
      orgId: v.orgId ?? '',
      contestName: v.contestName ?? '',
      contestYear: v.contestYear ?? undefined,
      decisionNo: v.decisionNo || null,
      rounds: (v.rounds ?? []).map((r) => ({ roundKind: r.roundKind, roundName: r.roundName || null, roundDate: r.roundDate ?? '' })),
    };
    const r = createContestIn.safeParse(body);
    if (!r.success) return setGeneral(placeErrors(form, CONTEST_FIELDS, r.error.issues.map((i) => [i.path.join('.'), i.message])));
    setSaving(true);
    try {
      const created = await api<ContestDetailOut>('POST', '/contests', body);
      qc.setQueryData(awardKeys.contest(created.id), created);
      void qc.invalidateQueries({ queryKey: ['awards', 'contests'] });
      onDone(created.id);
    } catch (e) {
      setGeneral(placeErrors(form, CONTEST_FIELDS, serverEntries(e, t('common.offline'), t('common.error'))));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<ContestValues>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      noValidate
      className="dv-d-form"
      initialValues={{ contestYear: Number(todayIso().slice(0, 4)), rounds: [{ roundKind: 'so_khao' }, { roundKind: 'chung_khao' }] }}
      data-testid="contest-form"
    >
      {general && <Alert type="error" showIcon role="alert" message={general} style={{ marginBottom: 12 }} />}
      <Form.Item name="contestName" label={t('awards.contests.f.name')}>
        <Input placeholder={t('awards.contests.f.nameHint')} data-testid="contest-name" />
      </Form.Item>
      <Form.Item name="orgId" label={t('awards.contests.f.org')}>
        <Select
          showSearch
          optionFilterProp="label"
          aria-label={t('awards.contests.f.org')}
          loading={tree.isLoading}
          options={(tree.data?.nodes ?? []).filter((n) => n.kind !== 'chi_bo_truc_thuoc').map((n) => ({ value: n.orgId, label: n.name }))}
        />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="contestYear" label={t('awards.contests.f.year')}>
          <InputNumber min={1945} max={2100} aria-label={t('awards.contests.f.year')} />
        </Form.Item>
        <Form.Item name="decisionNo" label={t('awards.contests.f.decisionNo')}>
          <Input />
        </Form.Item>
      </Space>
      <Typography.Title level={3} className="dv-d-sub">
        {t('awards.contests.f.rounds')}
      </Typography.Title>
      <Form.List name="rounds">
        {(items, { add, remove }, { errors }) => (
          <>
            {items.map((item, i) => (
              <Card
                size="small"
                key={item.key}
                className="dv-d-target"
                title={t('awards.contests.roundNo', { n: i + 1 })}
                extra={items.length > 1 ? <MinusCircleOutlined aria-label={t('awards.contests.f.removeRound')} onClick={() => remove(item.name)} /> : null}
                data-testid="contest-round"
              >
                <Form.Item name={[item.name, 'roundKind']} label={t('awards.contests.f.roundKind')}>
                  <Select options={CONTEST_ROUND_KINDS.map((k) => ({ value: k, label: label(CONTEST_ROUND_LABELS[k]) }))} />
                </Form.Item>
                <Form.Item name={[item.name, 'roundName']} label={t('awards.contests.f.roundName')}>
                  <Input />
                </Form.Item>
                <Form.Item name={[item.name, 'roundDate']} label={t('awards.contests.f.roundDate')}>
                  <IsoDatePicker value={undefined} onChange={() => undefined} allowFuture aria-label={`${t('awards.contests.f.roundDate')} ${i + 1}`} />
                </Form.Item>
              </Card>
            ))}
            <Form.ErrorList errors={errors} />
            {items.length < 6 && (
              <Button icon={<PlusOutlined />} onClick={() => add({ roundKind: 'khac' })}>
                {t('awards.contests.f.addRound')}
              </Button>
            )}
          </>
        )}
      </Form.List>
      <Space wrap style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="contest-save">
          {t('awards.contests.f.save')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

const ENTRY_FIELDS = ['entrantId', 'score', 'advanced', 'prize'] as const;
interface EntryValues {
  entrantId?: string;
  score?: number | null;
  advanced?: boolean;
  prize?: string;
}

/**
 * A result in one round. The first round takes anyone on file; a later round only those who
 * advanced from the one before; prizes are given in the last round. The form stays open for
 * the next entrant, and keeps what was typed when someone else saved first.
 */
function EntryForm({ c, round, onClose }: { c: ContestDetailOut; round: Round; onClose: () => void }) {
  const { t, label } = useI18n();
  const qc = useQueryClient();
  const [form] = Form.useForm<EntryValues>();
  const [general, setGeneral] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const last = round.seq === c.roundList.length;
  const prev = c.roundList[round.seq - 2];
  const entered = new Set(round.entries.map((e) => e.personId));
  const candidates = prev ? prev.entries.filter((e) => e.advanced && !entered.has(e.personId)) : [];

  const onFinish = async (v: EntryValues) => {
    setGeneral(null);
    setStale(false);
    setSaved(null);
    const body = { version: c.version, roundId: round.id, entrantId: v.entrantId ?? '', score: v.score ?? null, advanced: !last && !!v.advanced, prize: last ? (v.prize ?? null) : null };
    const r = contestEntryIn.safeParse(body);
    if (!r.success) return setGeneral(placeErrors(form, ENTRY_FIELDS, r.error.issues.map((i) => [i.path.join('.'), i.message])));
    setSaving(true);
    try {
      const next = await api<ContestDetailOut>('POST', `/contests/${c.id}/entries`, body);
      qc.setQueryData(awardKeys.contest(c.id), next);
      void qc.invalidateQueries({ queryKey: ['awards', 'contests'] });
      const who = next.roundList.find((x) => x.id === round.id)?.entries.find((e) => e.personId === body.entrantId)?.fullName ?? '';
      setSaved(t('awards.contests.entrySaved', { name: who }));
      form.resetFields();
    } catch (e) {
      if (isStale(e)) setStale(true);
      else setGeneral(placeErrors(form, ENTRY_FIELDS, serverEntries(e, t('common.offline'), t('common.error'))));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<EntryValues> form={form} layout="vertical" onFinish={onFinish} noValidate style={{ marginTop: 12 }} data-testid={`entry-form-${round.seq}`}>
      {stale && (
        <ConflictAlert
          message={t('awards.contests.conflict')}
          onReload={() => {
            setStale(false);
            void qc.invalidateQueries({ queryKey: awardKeys.contest(c.id) });
          }}
        />
      )}
      {general && <Alert type="error" showIcon role="alert" message={general} style={{ marginBottom: 12 }} />}
      {saved && <Alert type="success" showIcon message={saved} style={{ marginBottom: 12 }} />}
      <Form.Item name="entrantId" label={t('awards.contests.f.entrant')}>
        {prev ? (
          <Select
            aria-label={t('awards.contests.f.entrant')}
            placeholder={candidates.length ? undefined : t('awards.contests.noneAdvanced')}
            options={candidates.map((e) => ({ value: e.personId, label: e.fullName }))}
            data-testid={`entry-entrant-${round.seq}`}
          />
        ) : (
          <PersonPicker ariaLabel={t('awards.contests.f.entrant')} testId={`entry-entrant-${round.seq}`} />
        )}
      </Form.Item>
      <Space wrap align="start">
        <Form.Item name="score" label={t('awards.contests.f.score')}>
          <InputNumber min={0} max={1000} decimalSeparator="," aria-label={t('awards.contests.f.score')} data-testid={`entry-score-${round.seq}`} />
        </Form.Item>
        {last ? (
          <Form.Item name="prize" label={t('awards.contests.f.prize')}>
            <Select allowClear aria-label={t('awards.contests.f.prize')} style={{ minWidth: 180 }} options={CONTEST_PRIZES.map((p) => ({ value: p, label: label(CONTEST_PRIZE_LABELS[p]) }))} data-testid={`entry-prize-${round.seq}`} />
          </Form.Item>
        ) : (
          <Form.Item name="advanced" valuePropName="checked" label=" ">
            <Checkbox data-testid={`entry-advanced-${round.seq}`}>{t('awards.contests.f.advanced')}</Checkbox>
          </Form.Item>
        )}
      </Space>
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={saving} data-testid={`entry-save-${round.seq}`}>
          {t('awards.contests.f.saveEntry')}
        </Button>
        <Button onClick={onClose}>{t('awards.contests.f.done')}</Button>
      </Space>
    </Form>
  );
}

function RoundCard({ c, round, mayWrite }: { c: ContestDetailOut; round: Round; mayWrite: boolean }) {
  const { t, label } = useI18n();
  const [entering, setEntering] = useState(false);
  const held = round.heldOn <= todayIso();
  return (
    <Card size="small" style={{ marginBottom: 12 }} title={`${round.seq}. ${round.name} · ${fmtDate(round.heldOn)}`} data-testid={`round-${round.seq}`}>
      <List
        size="small"
        dataSource={round.entries}
        locale={{ emptyText: held ? t('awards.contests.round.empty') : t('awards.contests.round.notHeld') }}
        renderItem={(e) => (
          <List.Item key={e.personId} data-testid="contest-entry">
            <div style={{ minWidth: 0, width: '100%' }}>
              <Link to={`/members/${e.personId}`}>{e.fullName}</Link>
              {e.score !== null && <> · {t('awards.contests.points', { n: fmtNumber(e.score) })}</>}
              {e.advanced && <Tag color="blue" style={{ marginLeft: 6 }}>{t('awards.contests.advanced')}</Tag>}
              {e.prize && <Tag color="gold" style={{ marginLeft: 6 }}>{label(CONTEST_PRIZE_LABELS[e.prize])}</Tag>}
            </div>
          </List.Item>
        )}
      />
      {mayWrite && held && !entering && (
        <Button size="small" icon={<PlusOutlined />} onClick={() => setEntering(true)} style={{ marginTop: 8 }} data-testid={`round-enter-${round.seq}`}>
          {t('awards.contests.enter')}
        </Button>
      )}
      {entering && <EntryForm c={c} round={round} onClose={() => setEntering(false)} />}
    </Card>
  );
}

function ContestDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const { me } = useAuth();
  const contest = useContest(id);
  const mayWrite = !!me && can(me.role, 'award.write');
  if (contest.isError) return <PageError error={contest.error} onRetry={() => void contest.refetch()} />;
  if (!contest.data) return <PageLoading />;
  const c = contest.data;
  return (
    <div data-testid="contest-detail">
      <Link to="?tab=contests">← {t('awards.contests.back')}</Link>
      <Typography.Title level={2} className="dv-d-sub" style={{ overflowWrap: 'anywhere' }}>
        {c.name} {c.year}
      </Typography.Title>
      <p className="dv-d-muted">
        {[c.org.name, c.decisionNo].filter(Boolean).join(' · ')}
        <br />
        {t('awards.contests.col.entrants')}: {fmtNumber(c.entrants)} · {t('awards.contests.col.prizes')}: {fmtNumber(c.prizes)}
      </p>
      {c.roundList.map((r) => (
        <RoundCard key={r.id} c={c} round={r} mayWrite={mayWrite} />
      ))}
    </div>
  );
}

/** Contests: the list, a new contest, or one contest's rounds and results (`?contest=`). */
export function ContestsTab() {
  const { t } = useI18n();
  const { me } = useAuth();
  const [sp, setSp] = useSearchParams();
  const contestId = sp.get('contest');
  const creating = sp.has('new');
  const contests = useContests();
  const mayWrite = !!me && can(me.role, 'award.write');
  if (contestId) return <ContestDetail id={contestId} />;
  return (
    <>
      {mayWrite && !creating && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setSp({ tab: 'contests', new: '1' })} style={{ marginBottom: 12 }} data-testid="new-contest">
          {t('awards.contests.new')}
        </Button>
      )}
      {creating && mayWrite && (
        <Card title={t('awards.contests.new')} style={{ marginBottom: 16 }}>
          <NewContestForm onDone={(id) => setSp({ tab: 'contests', contest: id })} onCancel={() => setSp({ tab: 'contests' })} />
        </Card>
      )}
      {contests.isError ? (
        <PageError error={contests.error} onRetry={() => void contests.refetch()} />
      ) : (
        <List<ContestSummary>
          loading={contests.isFetching}
          dataSource={contests.data?.items ?? []}
          locale={{ emptyText: t('awards.contests.empty') }}
          renderItem={(c) => (
            <List.Item key={c.id}>
              <div style={{ minWidth: 0 }}>
                <Link to={`?tab=contests&contest=${c.id}`} data-testid="contest-open">
                  <strong>{c.name}</strong>
                </Link>{' '}
                · {c.year} · {c.org.name}
                <div className="dv-d-muted">
                  {t('awards.contests.col.rounds')}: {c.rounds} · {t('awards.contests.col.entrants')}: {fmtNumber(c.entrants)} · {t('awards.contests.col.prizes')}: {c.prizes}
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
    </>
  );
}
