import { MEETING_SCORE_RULES_2019, monthOf, todayIso } from '@dangvu/common';
import type { Session } from '../../test/factories.js';
import { send, type MutationSuite } from '../../test/mutations.js';

interface M {
  id: string;
  version: number;
  roster: { personId: string }[];
}

/** This module's entries for the every-mutating-route test (platform/mutations.test.ts). */
export const meetingsMutations: MutationSuite = async (_env, p) => {
  const day = `${monthOf(todayIso())}-01`;
  const full = Object.fromEntries(MEETING_SCORE_RULES_2019.criteria.map((c) => [c.code, c.max]));
  const call = async (s: Session, path: string, body: unknown, status = 200): Promise<M> => {
    const r = await s.call('POST', `/api/v1/meetings${path}`, body);
    if (r.statusCode !== status) throw new Error(`meeting setup failed: ${path} ${r.statusCode} ${r.body}`);
    return r.json() as M;
  };
  const get = async (s: Session, id: string) => (await s.call('GET', `/api/v1/meetings/${id}`)).json() as M;
  const present = (m: M) => m.roster.map((r) => ({ personId: r.personId, status: 'co_mat' }));
  const planned = () => call(p.admin, '', { orgId: p.cellB1, kind: 'chuyen_de', plannedOn: day, title: 'Chuyên đề học tập' }, 201);
  const held = async () => {
    const m = await planned();
    return call(p.admin, `/${m.id}/held`, { version: m.version, heldOn: day, durationMinutes: 90 });
  };
  const attended = async () => {
    const m = await held();
    return call(p.admin, `/${m.id}/attendance`, { version: m.version, rows: present(m) });
  };
  const closed = async () => {
    let m = await attended();
    m = await call(p.admin, `/${m.id}/score`, { version: m.version, scores: full });
    m = await call(p.admin, `/${m.id}/minutes`, { version: m.version, minutes: 'Biên bản' });
    return call(p.admin, `/${m.id}/close`, { version: m.version });
  };
  const toPublish = await planned();
  const toHold = await planned();
  const toAttend = await held();
  const toMinute = await held();
  const toScore = await attended();
  let toClose = await attended();
  toClose = await call(p.admin, `/${toClose.id}/score`, { version: toClose.version, scores: full });
  toClose = await call(p.admin, `/${toClose.id}/minutes`, { version: toClose.version, minutes: 'Biên bản' });
  const toReopen = await closed();
  const toDocument = await planned();
  const bad = await held();
  const u = (m: M, action: string) => `/api/v1/meetings/${m.id}/${action}`;

  return {
    cases: {
      'POST /api/v1/meetings': (s) => send(s, 'POST', '/api/v1/meetings', { orgId: p.cellB1, kind: 'chuyen_de', plannedOn: day, title: 'Chuyên đề mới' }),
      'POST /api/v1/meetings/rules': (s) => send(s, 'POST', '/api/v1/meetings/rules', { orgId: p.province, validFrom: '2019-01-01', scoreRules: 'KH99-2019', rollupRules: 'NAM-2019' }),
      'POST /api/v1/meetings/:id/publish': (s) => send(s, 'POST', u(toPublish, 'publish'), { version: toPublish.version, publishedOn: day, agenda: 'Nội dung' }),
      'POST /api/v1/meetings/:id/held': (s) => send(s, 'POST', u(toHold, 'held'), { version: toHold.version, heldOn: day, durationMinutes: 90 }),
      // The roster is read when the case runs: other suites may have moved members meanwhile.
      'POST /api/v1/meetings/:id/attendance': async (s) => {
        const m = await get(s, toAttend.id);
        return send(s, 'POST', u(m, 'attendance'), { version: m.version, rows: present(m), guests: [{ kind: 'cap_tren', name: 'Lò Văn Trên', organization: 'Huyện ủy' }] });
      },
      'POST /api/v1/meetings/:id/minutes': (s) => send(s, 'POST', u(toMinute, 'minutes'), { version: toMinute.version, minutes: 'Biên bản' }),
      'POST /api/v1/meetings/:id/score': (s) => send(s, 'POST', u(toScore, 'score'), { version: toScore.version, scores: full }),
      'POST /api/v1/meetings/:id/close': (s) => send(s, 'POST', u(toClose, 'close'), { version: toClose.version }),
      'POST /api/v1/meetings/:id/reopen': (s) => send(s, 'POST', u(toReopen, 'reopen'), { version: toReopen.version, reason: 'Bổ sung' }),
      'POST /api/v1/meetings/:id/documents': (s) =>
        send(s, 'POST', u(toDocument, 'documents'), { version: toDocument.version, kind: 'van_ban', refNumber: '99-KH/TU', refTitle: 'Kế hoạch' }),
    },
    bad: [
      ['POST', '/api/v1/meetings', { orgId: p.cellB1, kind: 'hang_tuan', plannedOn: day, title: 'X' }, 'kind'],
      ['POST', '/api/v1/meetings', { orgId: p.communeA, kind: 'chuyen_de', plannedOn: day, title: 'X' }, 'orgId'],
      ['POST', '/api/v1/meetings', { orgId: p.cellB1, kind: 'chuyen_de', plannedOn: day, title: '' }, 'title'],
      ['POST', '/api/v1/meetings/rules', { orgId: p.province, validFrom: '2019-01-01', scoreRules: 'X', rollupRules: 'NAM-2019' }, 'scoreRules'],
      ['POST', u(bad, 'publish'), { version: bad.version, publishedOn: day, agenda: 'A' }, 'action'],
      ['POST', u(bad, 'held'), { version: bad.version + 3, heldOn: day, durationMinutes: 90 }, 'version'],
      ['POST', u(bad, 'held'), { version: bad.version, heldOn: '2001-01-01', durationMinutes: 90 }, 'heldOn'],
      ['POST', u(bad, 'held'), { version: bad.version, heldOn: day, durationMinutes: 0 }, 'durationMinutes'],
      ['POST', u(bad, 'attendance'), { version: bad.version, rows: [{ personId: '00000000-0000-7000-8000-000000000000', status: 'co_mat' }] }, 'rows.0.personId'],
      ['POST', u(bad, 'minutes'), { version: bad.version, minutes: '' }, 'minutes'],
      ['POST', u(bad, 'score'), { version: bad.version, scores: full }, 'scores'],
      ['POST', u(bad, 'close'), { version: bad.version }, 'action'],
      ['POST', u(bad, 'reopen'), { version: bad.version, reason: 'x' }, 'action'],
      ['POST', u(bad, 'documents'), { version: bad.version, kind: 'tep', name: 'a.exe', mimeType: 'application/x-msdownload', contentBase64: 'QUJD' }, 'mimeType'],
    ],
    tables: ['meeting', 'meeting_attendance', 'meeting_guest', 'meeting_document', 'meeting_step', 'meeting_rule_choice'],
  };
};
