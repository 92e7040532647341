import { buildOrganization, decision, unique } from '../../test/factories.js';
import { send, type MutationSuite } from '../../test/mutations.js';
import { july, planCsv } from './testPlan.js';

/**
 * This module's entries for the every-mutating-route test (platform/mutations.test.ts).
 * Previews are QUERY requests: they write nothing, so they are not listed here.
 */
export const restructureMutations: MutationSuite = async (_env, p) => {
  const cell = await buildOrganization(p.admin, { name: 'Chi bộ bản Sắp Xếp', kind: 'chi_bo_truc_thuoc', parentId: p.communeB, hostType: 'thon_ban', effectiveDate: '2006-01-01' });
  const communeCode = ((await p.admin.call('GET', `/api/v1/orgs/${p.communeB}`)).json() as { code: string }).code;
  const plan = (rows: Parameters<typeof planCsv>[0]) => ({ fileName: 'ke-hoach.csv', content: planCsv(rows) });
  return {
    cases: {
      'POST /api/v1/restructure/apply': (s) => send(s, 'POST', '/api/v1/restructure/apply', { op: 'doi_ten', ...decision('2018-01-01'), orgId: cell, name: 'Chi bộ bản Sắp Xếp Mới' }),
      'POST /api/v1/restructure/plans': (s) =>
        send(s, 'POST', '/api/v1/restructure/plans', plan([july({ op: 'thành lập', codes: unique('KH'), target: communeCode, name: 'Chi bộ bản Kế Hoạch', kind: 'Chi bộ trực thuộc', hostType: 'Thôn, bản' })])),
    },
    bad: [
      ['POST', '/api/v1/restructure/apply', { op: 'doi_ten', ...decision('2018-01-01'), orgId: cell, name: ' ' }, 'name'],
      ['POST', '/api/v1/restructure/apply', { op: 'bay_len', ...decision('2018-01-01') }, 'op'],
      ['POST', '/api/v1/restructure/apply', { op: 'giai_the', ...decision('2099-01-01'), orgId: cell }, 'effectiveDate'],
      ['POST', '/api/v1/restructure/apply', { op: 'chuyen_giao', ...decision('2019-01-01'), orgId: cell, newParentId: cell }, 'newParentId'],
      // Applied on a preview of organizations that have changed since: 409, nothing written.
      ['POST', '/api/v1/restructure/apply', { op: 'doi_ten', ...decision('2018-01-01'), orgId: cell, name: 'Chi bộ bản Cũ', basis: 'ban-xem-truoc-cu' }, 'basis'],
      ['POST', '/api/v1/restructure/plans', { fileName: 'ke-hoach.pdf', content: 'AAAA' }, 'fileName'],
      ['POST', '/api/v1/restructure/plans', { fileName: 'ke-hoach.xlsx', content: 'A'.repeat(2_900_000) }, 'content'],
      ['POST', '/api/v1/restructure/plans', plan([july({ op: 'giải thể', codes: 'KHONG-CO-MA' })]), 'content'],
      ['POST', '/api/v1/restructure/plans', plan([july({ op: 'thành lập', codes: unique('KH'), target: communeCode, name: 'Chi bộ', kind: 'Chi bộ trực thuộc', hostType: 'Thôn, bản', effectiveDate: '01/07/2099' })]), 'content'],
    ],
    tables: ['host_unit', 'party_post'],
  };
};
