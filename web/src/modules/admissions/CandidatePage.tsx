import {
  ADMISSION_DOC_LABELS,
  ADMISSION_DOCS,
  ADMISSION_STAGE_LABELS,
  ADMISSION_STEP_LABELS,
  ADMISSION_STEPS,
  can,
  INTRODUCER_KIND_LABELS,
  PROBATION_DOCS,
  STEP_RESULT_LABELS,
  type AdmissionStep,
} from '@dangvu/common';
import { Alert, Button, Card, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { fmtDate } from '../../ui/format';
import { PageError, PageLoading } from '../../ui/PageState';
import { useDocumentTitle } from '../members/useDocumentTitle';
import { useCandidate, type CandidateDetail } from './api';
import { DocumentForm, HelperForm, OverrideForm, StepForm } from './forms';
import NewCandidate from './NewCandidate';
import './admissions.css';

export default function CandidatePage() {
  const { id } = useParams();
  if (id === 'new') return <NewCandidate />;
  return <Candidate id={id!} />;
}

function Candidate({ id }: { id: string }) {
  const q = useCandidate(id);
  useDocumentTitle(q.data?.fullName);
  if (q.isPending) return <PageLoading />;
  if (!q.data) return <PageError error={q.error} onRetry={() => void q.refetch()} />;
  return <CandidateView c={q.data} />;
}

function CandidateView({ c }: { c: CandidateDetail }) {
  const { t, label } = useI18n();
  const { me } = useAuth();
  const writer = !!me && can(me.role, 'member.write');
  const [dialog, setDialog] = useState<null | { kind: 'helper' } | { kind: 'override'; rule: CandidateDetail['overrides'][number]['rule'] }>(null);
  const helper = c.helpers.find((h) => h.validTo === null);
  const pr = c.progress;
  const recorded = new Map(c.steps.map((s) => [s.step, s]));
  const admitted = recorded.has('le_ket_nap');
  const closed = recorded.has('ket_qua');
  const docs = ADMISSION_DOCS.filter((d) => admitted || !PROBATION_DOCS.includes(d));
  const received = new Map(c.documents.map((d) => [d.doc, d]));
  const schedule = new Map(c.documentSchedule.map((d) => [d.doc, d]));
  const stepsShown = ADMISSION_STEPS.filter((s) => recorded.has(s) || s === pr.nextStep || (!admitted ? ADMISSION_STEPS.indexOf(s) <= 5 : true));

  return (
    <div className="dv-adm-page">
      <Typography.Title level={1} style={{ fontSize: 24 }}>
        {c.fullName}
      </Typography.Title>
      <div className="dv-adm-meta">
        <div>
          <Tag color={closed ? 'green' : admitted ? 'blue' : 'gold'}>{label(ADMISSION_STAGE_LABELS[pr.stage])}</Tag>
        </div>
        <div>
          {t('adm.col.cell')}: <Link to={`/orgs/${c.orgId}`}>{c.orgName}</Link>
        </div>
        <div>
          {t('adm.cand.introducer')}: {label(INTRODUCER_KIND_LABELS[c.introducedByKind])} — {c.introducedByName}
        </div>
        <div>
          {t('adm.cand.helper')}: {helper?.fullName ?? t('adm.cand.noHelper')}{' '}
          {writer && !closed && (
            <Button size="small" onClick={() => setDialog({ kind: 'helper' })}>
              {t('adm.cand.changeHelper')}
            </Button>
          )}
        </div>
        <div>
          {t('adm.cand.ruleSet')}: {c.ruleSet.name}
        </div>
        {c.standing && (
          <div>
            <Link to={`/members/${c.personId}`}>{t('adm.cand.member')}</Link>
          </div>
        )}
      </div>

      {pr.warnings.length > 0 && (
        <Card size="small" title={t('adm.cand.warnings')} style={{ marginBottom: 12 }}>
          {pr.warnings.map((w) => {
            const o = c.overrides.find((x) => x.rule === w.rule);
            return (
              <Alert
                key={w.rule}
                type={w.overridden ? 'info' : 'warning'}
                showIcon
                style={{ marginBottom: 8 }}
                message={w.overridden ? `${t('adm.cand.overridden')}: ${w.message}` : w.message}
                description={o ? t('adm.cand.overrideBy', { user: o.username ?? '', date: fmtDate(o.at.slice(0, 10)), reason: o.reason, body: o.approvingBody }) : !c.canOverride ? t('adm.cand.noOverride') : undefined}
                action={
                  !w.overridden && c.canOverride ? (
                    <Button onClick={() => setDialog({ kind: 'override', rule: w.rule })}>{t('adm.cand.override')}</Button>
                  ) : undefined
                }
              />
            );
          })}
        </Card>
      )}

      {pr.missing.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('adm.cand.missing')}
          description={
            <ul className="dv-adm-missing">
              {pr.missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          }
        />
      )}

      <Card size="small" title={t('adm.cand.steps')} style={{ marginBottom: 12 }}>
        {closed && <p>{t('adm.cand.closed')}</p>}
        <ol className="dv-adm-steps">
          {stepsShown.map((s) => (
            <StepItem key={s} c={c} step={s} writer={writer} />
          ))}
        </ol>
      </Card>

      <Card size="small" title={t('adm.cand.documents')} style={{ marginBottom: 12 }}>
        <ul className="dv-adm-docs">
          {docs.map((d) => {
            const r = received.get(d);
            const due = schedule.get(d);
            // A document that records a step (6-KNĐ is the cell's resolution) can be received only once that step is recorded.
            const receivable = !due?.after || recorded.has(due.after);
            return (
              <li key={d}>
                <strong>{d}</strong> {label(ADMISSION_DOC_LABELS[d])}:{' '}
                {r ? <Tag color="green">{t('adm.cand.received', { date: fmtDate(r.receivedOn) })}</Tag> : <Tag>{t(due?.before ? 'adm.cand.notReceived' : 'adm.cand.notNeeded')}</Tag>}
                {due && (due.before || due.after) && (
                  <div className="dv-adm-due">
                    {[
                      due.after ? t('adm.cand.dueAfter', { step: label(ADMISSION_STEP_LABELS[due.after]) }) : null,
                      due.before ? t('adm.cand.dueBefore', { step: label(ADMISSION_STEP_LABELS[due.before]) }) : null,
                    ]
                      .filter(Boolean)
                      .join('; ')}
                  </div>
                )}
                {!r && writer && !closed && receivable && <DocumentForm c={c} doc={d} />}
              </li>
            );
          })}
        </ul>
      </Card>

      {c.helpers.length > 0 && (
        <Card size="small" title={t('adm.cand.helpers')}>
          <ul className="dv-adm-docs">
            {c.helpers.map((h) => (
              <li key={h.validFrom + h.personId}>
                {h.fullName}: {fmtDate(h.validFrom)} – {fmtDate(h.validTo)}
              </li>
            ))}
          </ul>
        </Card>
      )}

      <Modal open={!!dialog} footer={null} onCancel={() => setDialog(null)} title={dialog?.kind === 'helper' ? t('adm.cand.changeHelper') : t('adm.cand.override')} destroyOnHidden>
        {dialog?.kind === 'helper' && <HelperForm c={c} onDone={() => setDialog(null)} />}
        {dialog?.kind === 'override' && <OverrideForm c={c} rule={dialog.rule} onDone={() => setDialog(null)} />}
      </Modal>
    </div>
  );
}

function StepItem({ c, step, writer }: { c: CandidateDetail; step: AdmissionStep; writer: boolean }) {
  const { t, label } = useI18n();
  const s = c.steps.find((x) => x.step === step);
  const next = c.progress.nextStep === step;
  // Class, file and verification can be recorded in any order before the cell resolution.
  const open = !s && (next || (!c.steps.some((x) => x.step === 'nghi_quyet_chi_bo') && (step === 'nhan_thuc' || step === 'tham_tra')) || (step === 'ket_qua' && c.steps.some((x) => x.step === 'le_ket_nap')) || (step === 'boi_duong_dv_moi' && c.steps.some((x) => x.step === 'le_ket_nap')));
  const [showForm, setShowForm] = useState(false);
  return (
    <li className={s ? 'done' : next ? 'next' : ''}>
      <strong>{label(ADMISSION_STEP_LABELS[step])}</strong>
      {s ? (
        <div>
          {t('adm.cand.done')}: {fmtDate(s.date)}
          {s.decisionNo ? ` — ${s.decisionNo}` : ''}
          {s.issuer ? ` — ${s.issuer}` : ''}
          {s.result ? ` — ${label(STEP_RESULT_LABELS[s.result], s.result)}` : ''}
          {step === 'nhan_thuc' && c.progress.awarenessValidUntil && <div>{t('adm.cand.awarenessUntil', { date: fmtDate(c.progress.awarenessValidUntil) })}</div>}
          {step === 'le_ket_nap' && c.progress.probationEndsOn && <div>{t('adm.cand.probationEnds', { date: fmtDate(c.progress.probationEndsOn) })}</div>}
        </div>
      ) : (
        next && <div>{t('adm.cand.next')}</div>
      )}
      {open && writer && (showForm || next ? <StepForm c={c} step={step} /> : <div><Button size="small" onClick={() => setShowForm(true)}>{t('adm.cand.record')}</Button></div>)}
    </li>
  );
}
