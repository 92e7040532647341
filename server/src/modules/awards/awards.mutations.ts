import { addDaysIso, todayIso } from '@dangvu/common';
import { buildMember } from '../../test/factories.js';
import { send, type MutationSuite } from '../../test/mutations.js';

/** This module's entries for the every-mutating-route test (platform/mutations.test.ts). */
export const awardsMutations: MutationSuite = async (_env, p) => {
  const past = addDaysIso(todayIso(), -10);
  const made = async (url: string, body: unknown) => {
    const res = await p.admin.call('POST', url, body);
    if (res.statusCode !== 201) throw new Error(`awards setup failed: ${res.statusCode} ${res.body}`);
    return res.json() as { id: string; version: number; roundList?: { id: string }[] };
  };
  const award = { awardKind: 'bang_khen', awardLevel: 'tinh', awardTitle: 'Bằng khen của Ban Thường vụ Tỉnh ủy', decisionNo: '1234-QĐ/TU', decisionDate: past, issuer: 'Ban Thường vụ Tỉnh ủy' };
  const a1 = await made('/api/v1/awards', { ...award, recipientOrgId: p.communeA });
  const young = await buildMember(p.admin, p.cellA1, { cccd: null });
  const other = await buildMember(p.admin, p.cellA2, { cccd: null });
  const contest = { orgId: p.province, contestName: 'Hội thi Bí thư chi bộ giỏi', contestYear: Number(past.slice(0, 4)), rounds: [{ roundKind: 'so_khao', roundDate: past }, { roundKind: 'chung_khao', roundDate: past }] };
  const c1 = await made('/api/v1/contests', contest);
  const round1 = c1.roundList![0]!.id;
  return {
    cases: {
      'POST /api/v1/awards': (s) => send(s, 'POST', '/api/v1/awards', { ...award, recipientPersonId: young.id }),
      'PATCH /api/v1/awards/:id': (s) => send(s, 'PATCH', `/api/v1/awards/${a1.id}`, { ...award, version: a1.version, note: 'Đã trao tại hội nghị tổng kết' }),
      'POST /api/v1/contests': (s) => send(s, 'POST', '/api/v1/contests', { ...contest, contestName: 'Hội thi Báo cáo viên giỏi' }),
      'POST /api/v1/contests/:id/entries': (s) => send(s, 'POST', `/api/v1/contests/${c1.id}/entries`, { version: c1.version, roundId: round1, entrantId: young.id, score: 85, advanced: true }),
    },
    bad: [
      ['POST', '/api/v1/awards', { ...award, awardKind: 'kim_cuong', recipientOrgId: p.communeA }, 'awardKind'],
      ['POST', '/api/v1/awards', { ...award, recipientOrgId: p.communeA, recipientPersonId: young.id }, 'recipientPersonId'],
      ['POST', '/api/v1/awards', { ...award, awardKind: 'huy_hieu', recipientPersonId: young.id }, 'badgeYears'],
      ['POST', '/api/v1/awards', { ...award, awardKind: 'huy_hieu', recipientPersonId: young.id, badgeYears: 35 }, 'badgeYears'],
      ['POST', '/api/v1/awards', { ...award, awardKind: 'huy_hieu', recipientPersonId: young.id, badgeYears: 30 }, 'badgeYears'],
      ['POST', '/api/v1/awards', { ...award, recipientOrgId: p.communeA, decisionDate: addDaysIso(todayIso(), 5) }, 'decisionDate'],
      ['POST', '/api/v1/awards', { ...award, recipientOrgId: p.communeA, awardTitle: null }, 'awardTitle'],
      ['PATCH', `/api/v1/awards/${a1.id}`, { ...award, version: a1.version + 9 }, 'version'],
      ['PATCH', `/api/v1/awards/${a1.id}`, { ...award, version: a1.version + 1, awardLevel: 'thon' }, 'awardLevel'],
      ['POST', '/api/v1/contests', { ...contest, rounds: [] }, 'rounds'],
      ['POST', '/api/v1/contests', { ...contest, contestName: ' ' }, 'contestName'],
      // Bad entries run after the cases above, which moved the contest to its next version.
      ['POST', `/api/v1/contests/${c1.id}/entries`, { version: c1.version + 1, roundId: round1, entrantId: other.id, prize: 'nhat' }, 'prize'],
      ['POST', `/api/v1/contests/${c1.id}/entries`, { version: c1.version + 1, roundId: c1.roundList![1]!.id, entrantId: other.id }, 'entrantId'],
      ['POST', `/api/v1/contests/${c1.id}/entries`, { version: c1.version + 4, roundId: round1, entrantId: young.id }, 'version'],
    ],
    tables: ['award', 'contest', 'contest_round', 'contest_entry'],
  };
};
