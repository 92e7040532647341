import { buildMember, buildUser, type Session } from '../../test/factories.js';
import { send, type MutationSuite } from '../../test/mutations.js';

/**
 * This module's entries for the every-mutating-route test (platform/mutations.test.ts). The
 * province admin has no inspection permission by design, so each case acts as an inspection
 * commission user of the province; the bad inputs fail validation before any permission check.
 */
export const inspectionsMutations: MutationSuite = async (env, p) => {
  const ubkt = await buildUser(env, 'uy_ban_kiem_tra', [p.province]);
  const must = async (s: Session, method: 'POST', url: string, body: unknown) => {
    const r = await s.call(method, url, body);
    if (r.statusCode >= 300) throw new Error(`inspection setup failed: ${url} ${r.statusCode} ${r.body}`);
    return r.json() as { id: string; version: number; requirements?: { id: string; version: number }[] };
  };
  const member = await buildMember(p.admin, p.cellA1, { cccd: null });
  const caseIn = (over: Record<string, unknown> = {}) => ({
    activity: 'kiem_tra',
    bodyKind: 'ubkt',
    bodyOrgId: p.communeA,
    subjectType: 'to_chuc',
    subjectOrgId: p.cellA1,
    kind: 'theo_ke_hoach',
    decisionNo: '05-QĐ/UBKT',
    decisionDate: '2024-02-01',
    content: 'Kiểm tra việc thực hiện quy chế làm việc',
    ...over,
  });
  const concluded = async () => {
    let c = await must(ubkt, 'POST', '/api/v1/inspections/cases', caseIn());
    c = await must(ubkt, 'POST', `/api/v1/inspections/cases/${c.id}/steps`, { action: 'bat_dau', version: c.version, date: '2024-02-10' });
    return must(ubkt, 'POST', `/api/v1/inspections/cases/${c.id}/steps`, { action: 'ket_luan', version: c.version, date: '2024-03-01', conclusion: 'Thực hiện tốt', violationsFound: false });
  };
  const planned = await must(ubkt, 'POST', '/api/v1/inspections/cases', caseIn());
  const withReq = await concluded();
  const reqCase = await must(ubkt, 'POST', `/api/v1/inspections/cases/${withReq.id}/requirements`, { version: withReq.version, content: 'Bổ sung sổ ghi biên bản', deadline: '2024-06-30' });
  const requirement = reqCase.requirements![0]!;
  const forReq = await concluded();
  const disciplined = await buildMember(p.admin, p.cellA2, { cccd: null });
  const d = await must(ubkt, 'POST', '/api/v1/discipline', {
    personId: disciplined.id,
    form: 'khien_trach',
    decisionNo: '11-QĐ/UBKT',
    decisionDate: '2023-04-01',
    issuer: 'Ủy ban Kiểm tra Đảng ủy xã Pa Tần',
    effectiveDate: '2023-04-01',
  });
  const steps = `/api/v1/inspections/cases/${planned.id}/steps`;
  return {
    cases: {
      'POST /api/v1/inspections/plans': () =>
        send(ubkt, 'POST', '/api/v1/inspections/plans', { year: 2024, bodyKind: 'ubkt', bodyOrgId: p.communeA, title: 'Chương trình kiểm tra, giám sát năm 2024', decisionNo: '01-CTr/UBKT', decisionDate: '2024-01-05' }),
      'POST /api/v1/inspections/cases': () => send(ubkt, 'POST', '/api/v1/inspections/cases', caseIn({ subjectType: 'dang_vien', subjectOrgId: null, subjectPersonId: member.id, activity: 'giam_sat' })),
      'POST /api/v1/inspections/cases/:id/steps': () => send(ubkt, 'POST', steps, { action: 'bat_dau', version: planned.version, date: '2024-02-05' }),
      'POST /api/v1/inspections/cases/:id/requirements': () =>
        send(ubkt, 'POST', `/api/v1/inspections/cases/${forReq.id}/requirements`, { version: forReq.version, content: 'Kiện toàn chi ủy', deadline: null }),
      'POST /api/v1/inspections/requirements/:id/follow-up': () =>
        send(ubkt, 'POST', `/api/v1/inspections/requirements/${requirement.id}/follow-up`, { version: requirement.version, doneOn: '2024-05-20', result: 'Đã bổ sung đầy đủ' }),
      'POST /api/v1/discipline': () =>
        send(ubkt, 'POST', '/api/v1/discipline', { personId: member.id, form: 'canh_cao', decisionNo: '12-QĐ/UBKT', decisionDate: '2024-05-01', issuer: 'Ủy ban Kiểm tra Đảng ủy xã Pa Tần', effectiveDate: '2024-05-01' }),
      'POST /api/v1/discipline/:id/amendments': () =>
        send(ubkt, 'POST', `/api/v1/discipline/${d.id}/amendments`, { version: d.version, kind: 'xoa_ky_luat', decisionNo: '20-QĐ/UBKT', decisionDate: '2024-04-10', issuer: 'Ủy ban Kiểm tra Đảng ủy xã Pa Tần', effectiveDate: '2024-04-10' }),
    },
    bad: [
      ['POST', '/api/v1/inspections/plans', { year: 'năm nay', bodyKind: 'ubkt', bodyOrgId: p.communeA, title: 'Kế hoạch' }, 'year'],
      ['POST', '/api/v1/inspections/plans', { year: 2024, bodyKind: 'toa_an', bodyOrgId: p.communeA, title: 'Kế hoạch' }, 'bodyKind'],
      ['POST', '/api/v1/inspections/cases', caseIn({ subjectOrgId: null }), 'subjectOrgId'],
      ['POST', '/api/v1/inspections/cases', caseIn({ kind: 'dot_xuat' }), 'kind'],
      ['POST', '/api/v1/inspections/cases', caseIn({ decisionDate: '2024-02-30' }), 'decisionDate'],
      ['POST', steps, { action: 'ket_luan', version: planned.version, date: '2024-03-01', violationsFound: true }, 'conclusion'],
      ['POST', steps, { action: 'huy', version: planned.version, date: '2024-03-01' }, 'reason'],
      ['POST', steps, { action: 'bat_dau', date: '2024-03-01' }, 'version'],
      ['POST', `/api/v1/inspections/cases/${forReq.id}/requirements`, { version: forReq.version, content: '   ' }, 'content'],
      ['POST', `/api/v1/inspections/requirements/${requirement.id}/follow-up`, { version: requirement.version, doneOn: 'hôm qua', result: 'Xong' }, 'doneOn'],
      ['POST', '/api/v1/discipline', { personId: member.id, form: 'phat_tien', decisionNo: '1', decisionDate: '2024-05-01', issuer: 'UBKT', effectiveDate: '2024-05-01' }, 'form'],
      ['POST', '/api/v1/discipline', { personId: member.id, form: 'canh_cao', decisionNo: '1', decisionDate: '2024-05-01', issuer: 'UBKT', effectiveDate: '2024-02-30' }, 'effectiveDate'],
      ['POST', `/api/v1/discipline/${d.id}/amendments`, { version: d.version, kind: 'tha_bong', decisionNo: '1', decisionDate: '2024-04-10', issuer: 'UBKT', effectiveDate: '2024-04-10' }, 'kind'],
    ],
    tables: ['inspection_plan', 'inspection_case', 'inspection_requirement', 'discipline', 'discipline_amendment'],
  };
};
