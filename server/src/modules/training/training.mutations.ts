import { addDaysIso, todayIso } from '@dangvu/common';
import { buildMember } from '../../test/factories.js';
import { send, type MutationSuite } from '../../test/mutations.js';

/** This module's entries for the every-mutating-route test (platform/mutations.test.ts). */
export const trainingMutations: MutationSuite = async (_env, p) => {
  const today = todayIso();
  const ago = (n: number) => addDaysIso(today, -n);
  const post = async <T>(url: string, body: unknown, status = 201): Promise<T> => {
    const res = await p.admin.call('POST', url, body);
    if (res.statusCode !== status) throw new Error(`training setup failed: ${url} ${res.statusCode} ${res.body}`);
    return res.json() as T;
  };
  type Cohort = { id: string; version: number; enrolments: { id: string; personId: string; version: number }[] };
  const course = await post<{ id: string }>('/api/v1/training/courses', { kind: 'so_cap', name: 'Sơ cấp LLCT', provider: 'Trung tâm chính trị xã', orgId: p.communeA });
  const cohort = (name: string) => post<Cohort>('/api/v1/training/cohorts', { courseId: course.id, name, organizerOrgId: p.communeA, startsOn: ago(40), endsOn: ago(10) });
  const planned = await cohort('Lớp sơ cấp khóa 1');
  const running = await cohort('Lớp sơ cấp khóa 2');
  await post(`/api/v1/training/cohorts/${running.id}/state`, { version: running.version, state: 'dang_hoc', date: ago(40) }, 200);
  const a = await buildMember(p.admin, p.cellA1, { cccd: null });
  const b = await buildMember(p.admin, p.cellA1, { cccd: null });
  const c = await buildMember(p.admin, p.cellA1, { cccd: null });
  const d = await buildMember(p.admin, p.cellA1, { cccd: null });
  const sent = await post<Cohort>(`/api/v1/training/cohorts/${running.id}/enrolments`, { personIds: [a.id, b.id, d.id], sentByOrgId: p.communeA, sentOn: ago(41) }, 200);
  const of = (personId: string) => sent.enrolments.find((e) => e.personId === personId)!;
  const [ea, eb, ed] = [of(a.id), of(b.id), of(d.id)];
  const enrolUrl = `/api/v1/training/cohorts/${running.id}/enrolments`;
  const resultUrl = `/api/v1/training/enrolments/${ed.id}/result`;
  return {
    cases: {
      'POST /api/v1/training/courses': (s) => send(s, 'POST', '/api/v1/training/courses', { kind: 'nhan_thuc', name: 'Nhận thức về Đảng', provider: 'Trung tâm chính trị', orgId: p.communeA }),
      'POST /api/v1/training/cohorts': (s) => send(s, 'POST', '/api/v1/training/cohorts', { courseId: course.id, name: 'Lớp 3', organizerOrgId: p.communeA, startsOn: ago(5), endsOn: today }),
      'POST /api/v1/training/cohorts/:id/state': (s) => send(s, 'POST', `/api/v1/training/cohorts/${planned.id}/state`, { version: planned.version, state: 'dang_hoc', date: ago(30) }),
      'POST /api/v1/training/cohorts/:id/enrolments': (s) => send(s, 'POST', enrolUrl, { personIds: [c.id], sentByOrgId: p.communeA, sentOn: ago(30) }),
      'POST /api/v1/training/enrolments/:id/withdraw': (s) => send(s, 'POST', `/api/v1/training/enrolments/${ea.id}/withdraw`, { version: ea.version, date: ago(20), reason: 'Ốm dài ngày' }),
      'POST /api/v1/training/enrolments/:id/result': (s) => send(s, 'POST', `/api/v1/training/enrolments/${eb.id}/result`, { version: eb.version, result: 'dat', grade: 'kha', resultOn: ago(10), certificateNo: 'SC-01' }),
    },
    bad: [
      ['POST', '/api/v1/training/courses', { kind: 'bay', name: 'x', provider: 'y', orgId: p.communeA }, 'kind'],
      ['POST', '/api/v1/training/courses', { kind: 'so_cap', name: ' ', provider: 'y', orgId: p.communeA }, 'name'],
      ['POST', '/api/v1/training/cohorts', { courseId: course.id, name: 'Lớp', organizerOrgId: p.communeA, startsOn: ago(5), endsOn: ago(6) }, 'endsOn'],
      ['POST', '/api/v1/training/cohorts', { courseId: course.id, name: 'Lớp', organizerOrgId: p.communeA, startsOn: '2025-02-30', endsOn: today }, 'startsOn'],
      ['POST', '/api/v1/training/cohorts', { courseId: p.communeA, name: 'Lớp', organizerOrgId: p.communeA, startsOn: ago(5), endsOn: today }, 'courseId'],
      ['POST', `/api/v1/training/cohorts/${running.id}/state`, { version: running.version + 1, state: 'dang_hoc', date: ago(1) }, 'state'],
      ['POST', `/api/v1/training/cohorts/${running.id}/state`, { state: 'ket_thuc', date: ago(1) }, 'version'],
      ['POST', `/api/v1/training/cohorts/${running.id}/state`, { version: running.version + 5, state: 'ket_thuc', date: ago(1) }, 'version'],
      ['POST', enrolUrl, { personIds: [], sentByOrgId: p.communeA, sentOn: ago(30) }, 'personIds'],
      ['POST', enrolUrl, { personIds: [a.id], sentByOrgId: p.communeA, sentOn: ago(30) }, 'personIds'],
      ['POST', enrolUrl, { personIds: [c.id], sentByOrgId: p.communeA, sentOn: addDaysIso(today, 3) }, 'sentOn'],
      ['POST', resultUrl, { version: ed.version, result: 'khong_dat', grade: 'kha', resultOn: ago(10) }, 'grade'],
      ['POST', resultUrl, { version: ed.version, result: 'dat', resultOn: ago(60) }, 'resultOn'],
      ['POST', resultUrl, { version: ed.version, result: 'dat', resultOn: ago(10), certificateDate: ago(11) }, 'certificateDate'],
      ['POST', resultUrl, { version: ed.version + 7, result: 'dat', resultOn: ago(10) }, 'version'],
      ['POST', `/api/v1/training/enrolments/${ea.id}/withdraw`, { version: ea.version, date: ago(20) }, 'reason'],
    ],
    tables: ['training_course', 'training_cohort', 'training_enrolment'],
  };
};
