import { EditOutlined } from '@ant-design/icons';
import { can, STUDY_FORM_LABELS, studyAttendanceIn, type StudySessionDetailOut } from '@dangvu/common';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, InputNumber, List, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { useAuth } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { fmtDate, fmtNumber } from '../../ui/format';
import { PageError, PageLoading } from '../../ui/PageState';
import { docKeys, usePeoplePicks, useStudySession } from './api';
import { ConflictAlert } from './ConflictAlert';
import { isStale, placeErrors, serverEntries } from './formErrors';

const FIELDS = ['attendeeIds', 'memberCount', 'nonMemberCount'] as const;
interface Values {
  attendeeIds: string[];
  memberCount?: number | null;
  nonMemberCount?: number | null;
}

/**
 * Corrects who attended, as a whole list (the server replaces it): the people on file stay as
 * chosen, others are found by name; unnamed attendance is kept as two counts.
 */
function AttendanceForm({ s, onDone, reload }: { s: StudySessionDetailOut; onDone: () => void; reload: () => Promise<unknown> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const [q, setQ] = useState('');
  const people = usePeoplePicks(q);
  // Labels of everyone chosen so far, so a tag keeps its name after the search moves on.
  const [known, setKnown] = useState<Map<string, string>>(
    () => new Map(s.attendees.map((a) => [a.personId, `${a.fullName} · ${a.isMember ? t('study.member') : t('study.nonMember')}`])),
  );
  const [general, setGeneral] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [saving, setSaving] = useState(false);
  const options = useMemo(() => {
    const all = new Map(known);
    for (const p of people.data?.items ?? []) all.set(p.id, `${p.fullName} · ${fmtDate(p.birthDate)} · ${p.standing ? t('study.member') : t('study.nonMember')}`);
    return [...all].map(([value, label]) => ({ value, label }));
  }, [known, people.data, t]);

  const onFinish = async (v: Values) => {
    setGeneral(null);
    setStale(false);
    const body = { version: s.version, attendeeIds: v.attendeeIds ?? [], memberCount: v.memberCount ?? 0, nonMemberCount: v.nonMemberCount ?? 0 };
    const r = studyAttendanceIn.safeParse(body);
    if (!r.success) return setGeneral(placeErrors(form, FIELDS, r.error.issues.map((i) => [i.path.join('.'), i.message])));
    setSaving(true);
    try {
      const saved = await api<StudySessionDetailOut>('POST', `/study/sessions/${s.id}/attendance`, body);
      qc.setQueryData(['study', 'detail', s.id], saved);
      // Person-times show in the list totals, the coverage card and on each document studied.
      void qc.invalidateQueries({ queryKey: docKeys.study, predicate: (x) => x.queryKey[1] !== 'detail' });
      void qc.invalidateQueries({ queryKey: docKeys.all });
      onDone();
    } catch (e) {
      if (isStale(e)) setStale(true);
      else setGeneral(placeErrors(form, FIELDS, serverEntries(e, t('common.offline'), t('common.error'))));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      noValidate
      initialValues={{ attendeeIds: s.attendees.map((a) => a.personId), memberCount: s.memberCount, nonMemberCount: s.nonMemberCount }}
      data-testid="attendance-form"
      style={{ marginTop: 12 }}
    >
      {stale && (
        <ConflictAlert
          message={t('study.session.conflict')}
          onReload={() => {
            setStale(false);
            void reload();
          }}
        />
      )}
      {general && <Alert type="error" showIcon role="alert" message={general} style={{ marginBottom: 12 }} />}
      <Form.Item name="attendeeIds" label={t('study.f.attendees')}>
        <Select
          mode="multiple"
          showSearch
          filterOption={false}
          onSearch={setQ}
          placeholder={t('study.f.attendeesSearch')}
          options={options}
          onChange={(ids: string[]) => {
            const labels = new Map(options.map((o) => [o.value, o.label]));
            setKnown(new Map(ids.map((id) => [id, labels.get(id) ?? id])));
          }}
          data-testid="attendance-people"
        />
      </Form.Item>
      <Space wrap>
        <Form.Item name="memberCount" label={t('study.f.memberCount')}>
          <InputNumber min={0} data-testid="attendance-member-count" />
        </Form.Item>
        <Form.Item name="nonMemberCount" label={t('study.f.nonMemberCount')}>
          <InputNumber min={0} data-testid="attendance-nonmember-count" />
        </Form.Item>
      </Space>
      <Space wrap style={{ display: 'flex' }}>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="attendance-save">
          {t('common.save')}
        </Button>
        <Button onClick={onDone}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}

/** One study session: what was studied, who attended and the person-times; attendance can be corrected. */
export function StudySessionCard({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, label } = useI18n();
  const { me } = useAuth();
  const session = useStudySession(id);
  const [editing, setEditing] = useState(false);
  const mayWrite = !!me && can(me.role, 'document.write');
  const s = session.data;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={s ? `${t('study.session.title')} ${fmtDate(s.studiedOn)}` : t('study.session.title')}
      extra={<Button size="small" onClick={onClose}>{t('study.session.close')}</Button>}
      data-testid="study-session"
    >
      {session.isError ? (
        <PageError error={session.error} onRetry={() => void session.refetch()} />
      ) : !s ? (
        <PageLoading />
      ) : (
        <>
          <div>
            <strong>{s.org.name}</strong> · {label(STUDY_FORM_LABELS[s.studyForm])}
            {s.topic ? ` · ${s.topic}` : ''}
          </div>
          <div style={{ margin: '4px 0 8px' }}>
            {s.documents.map((d) => (
              <Link key={d.id} to={`/documents/${d.id}`} style={{ marginRight: 8 }}>
                {d.symbol}
              </Link>
            ))}
          </div>
          <p className="dv-d-figure" data-testid="session-times">
            {t('study.session.times', { members: fmtNumber(s.memberTimes), nonMembers: fmtNumber(s.nonMemberTimes) })}
          </p>
          {(s.memberCount > 0 || s.nonMemberCount > 0) && (
            <Typography.Paragraph type="secondary">{t('study.session.unnamed', { members: fmtNumber(s.memberCount), nonMembers: fmtNumber(s.nonMemberCount) })}</Typography.Paragraph>
          )}
          {!editing && (
            <List
              size="small"
              header={t('study.detail.attendees')}
              dataSource={s.attendees}
              locale={{ emptyText: t('study.session.noAttendees') }}
              renderItem={(a) => (
                <List.Item key={a.personId} data-testid="session-attendee">
                  <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>{a.fullName}</span>
                  <Tag color={a.isMember ? 'red' : 'default'}>{a.isMember ? t('study.member') : t('study.nonMember')}</Tag>
                </List.Item>
              )}
            />
          )}
          {mayWrite && !editing && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} style={{ marginTop: 8 }} data-testid="attendance-edit">
              {t('study.session.edit')}
            </Button>
          )}
          {editing && <AttendanceForm key={s.version} s={s} onDone={() => setEditing(false)} reload={() => session.refetch()} />}
        </>
      )}
    </Card>
  );
}
