import { buildMember } from '../../test/factories.js';
import { send, type MutationSuite } from '../../test/mutations.js';
import { candidateInput } from './admissions.test-data.js';

/** This module's entries for the every-mutating-route test (platform/mutations.test.ts). */
export const admissionsMutations: MutationSuite = async (_env, p) => {
  const helper = await buildMember(p.admin, p.cellA1);
  const second = await buildMember(p.admin, p.cellA1);
  const make = async () => {
    const res = await p.admin.call('POST', '/api/v1/admissions/candidates', candidateInput(p.cellA1, helper.id));
    if (res.statusCode !== 201) throw new Error(`candidate: ${res.statusCode} ${res.body}`);
    return res.json() as { id: string; version: number };
  };
  const c = await make();
  const idle = await make();
  // Each case moves the candidate one version on; they run in this order.
  let version = c.version;
  const next = () => version++;
  const url = `/api/v1/admissions/candidates/${c.id}`;
  const idleUrl = `/api/v1/admissions/candidates/${idle.id}`;
  return {
    cases: {
      'POST /api/v1/admissions/candidates': (s) => send(s, 'POST', '/api/v1/admissions/candidates', candidateInput(p.cellA1, null)),
      'POST /api/v1/admissions/candidates/:id/steps': (s) => send(s, 'POST', `${url}/steps`, { version: next(), step: 'nhan_thuc', date: '2023-01-10', decisionNo: 'GCN 1' }),
      'POST /api/v1/admissions/candidates/:id/documents': (s) => send(s, 'POST', `${url}/documents`, { version: next(), doc: '1-KNĐ', receivedOn: '2023-02-01' }),
      'POST /api/v1/admissions/candidates/:id/helpers': (s) => send(s, 'POST', `${url}/helpers`, { version: next(), helperId: second.id, from: '2023-03-01' }),
      'POST /api/v1/admissions/candidates/:id/overrides': (s) =>
        send(s, 'POST', `${url}/overrides`, { version: next(), rule: 'hoc_van_duoi_thcs', reason: 'Xã vùng cao', approvingBody: 'Ban Thường vụ Tỉnh ủy' }),
      'POST /api/v1/admissions/targets': (s) => send(s, 'POST', '/api/v1/admissions/targets', { orgId: p.communeA, fromYear: 2024, toYear: 2024, kind: 'count', value: 3 }),
    },
    bad: [
      ['POST', '/api/v1/admissions/candidates', { ...candidateInput(p.cellA1, null), fullName: 'Mỷ' }, 'fullName'],
      ['POST', '/api/v1/admissions/candidates', candidateInput(p.communeA, null), 'cellId'],
      ['POST', '/api/v1/admissions/candidates', { ...candidateInput(p.cellA1, null), introducedByKind: 'hang_xom' }, 'introducedByKind'],
      ['POST', '/api/v1/admissions/candidates', candidateInput(p.cellA2, helper.id), 'helperId'],
      ['POST', '/api/v1/admissions/candidates', { ...candidateInput(p.cellA1, null), birthDate: '2090-01-01' }, 'birthDate'],
      ['POST', `${idleUrl}/steps`, { version: idle.version, step: 'nghi_quyet_chi_bo', date: '2023-04-01', decisionNo: '1' }, 'step'],
      ['POST', `${idleUrl}/steps`, { version: idle.version, step: 'nhan_thuc', date: '2023-01-10' }, 'decisionNo'],
      ['POST', `${idleUrl}/steps`, { version: idle.version, step: 'bay_len', date: '2023-01-10' }, 'step'],
      ['POST', `${idleUrl}/steps`, { step: 'nhan_thuc', date: '2023-01-10', decisionNo: 'x' }, 'version'],
      ['POST', `${idleUrl}/steps`, { version: idle.version + 5, step: 'nhan_thuc', date: '2023-01-10', decisionNo: 'x' }, 'version'],
      ['POST', `${idleUrl}/documents`, { version: idle.version, doc: '14-KNĐ', receivedOn: '2023-02-01' }, 'doc'],
      ['POST', `${idleUrl}/documents`, { version: idle.version, doc: '10-KNĐ', receivedOn: '2023-02-01' }, 'doc'],
      ['POST', `${idleUrl}/documents`, { version: idle.version, doc: '1-KNĐ', receivedOn: '2999-02-01' }, 'receivedOn'],
      ['POST', `${idleUrl}/helpers`, { version: idle.version, helperId: helper.id, from: '2023-03-01' }, 'helperId'],
      ['POST', `${idleUrl}/overrides`, { version: idle.version, rule: 'tuoi_tren_60', reason: '  ', approvingBody: 'Ban Thường vụ Tỉnh ủy' }, 'reason'],
      ['POST', `${idleUrl}/overrides`, { version: idle.version, rule: 'than_quen', reason: 'x', approvingBody: 'y' }, 'rule'],
      ['POST', '/api/v1/admissions/targets', { orgId: p.communeA, fromYear: 2025, toYear: 2021, kind: 'count', value: 3 }, 'toYear'],
      ['POST', '/api/v1/admissions/targets', { orgId: p.communeA, fromYear: 2025, toYear: 2025, kind: 'rate', value: 150 }, 'value'],
      ['POST', '/api/v1/admissions/targets', { orgId: p.communeA, fromYear: 2025, toYear: 2025, kind: 'count', value: -1 }, 'value'],
    ],
    tables: ['admission_candidate', 'admission_step', 'admission_document', 'admission_helper', 'admission_override', 'admission_target'],
  };
};
