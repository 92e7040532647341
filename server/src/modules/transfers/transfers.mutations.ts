import { addDaysIso, todayIso } from '@dangvu/common';
import { buildMember } from '../../test/factories.js';
import { send, type MutationSuite } from '../../test/mutations.js';

/** This module's entries for the every-mutating-route test (platform/mutations.test.ts). */
export const transfersMutations: MutationSuite = async (_env, p) => {
  const date = addDaysIso(todayIso(), -1);
  const propose = async (personId: string) => {
    const res = await p.admin.call('POST', '/api/v1/transfers', { kind: 'noi_bo', personId, toOrgId: p.cellA2, date: addDaysIso(todayIso(), -2) });
    if (res.statusCode !== 201) throw new Error(`transfer setup failed: ${res.statusCode} ${res.body}`);
    return res.json() as { id: string; version: number };
  };
  const mover = await buildMember(p.admin, p.cellA1, { cccd: null });
  const approved = await propose((await buildMember(p.admin, p.cellA1, { cccd: null })).id);
  const untouched = await propose((await buildMember(p.admin, p.cellA1, { cccd: null })).id);
  const steps = `/api/v1/transfers/${untouched.id}/steps`;
  return {
    cases: {
      'POST /api/v1/transfers': (s) => send(s, 'POST', '/api/v1/transfers', { kind: 'noi_bo', personId: mover.id, toOrgId: p.cellB1, date }),
      'POST /api/v1/transfers/:id/steps': (s) =>
        send(s, 'POST', `/api/v1/transfers/${approved.id}/steps`, { action: 'duyet', version: approved.version, date, number: '09-GGT/ĐU' }),
    },
    bad: [
      ['POST', '/api/v1/transfers', { kind: 'chuyen_bay', personId: mover.id, date }, 'kind'],
      ['POST', '/api/v1/transfers', { kind: 'noi_bo', date }, 'personId'],
      ['POST', '/api/v1/transfers', { kind: 'noi_bo', personId: mover.id, toOrgId: p.cellA1, date }, 'toOrgId'],
      ['POST', '/api/v1/transfers', { kind: 'noi_bo', personId: mover.id, toOrgId: p.communeB, date }, 'toOrgId'],
      ['POST', '/api/v1/transfers', { kind: 'tam_thoi', personId: mover.id, toOrgId: p.cellB1, date }, 'expectedEnd'],
      ['POST', '/api/v1/transfers', { kind: 'tam_thoi', personId: mover.id, toOrgId: p.cellB1, date, expectedEnd: addDaysIso(todayIso(), 90) }, 'purpose'],
      ['POST', '/api/v1/transfers', { kind: 'tam_thoi', personId: mover.id, toOrgId: p.cellB1, date, expectedEnd: addDaysIso(todayIso(), 90), purpose: 'du_lich' }, 'purpose'],
      ['POST', '/api/v1/transfers', { kind: 'noi_bo', personId: mover.id, toOrgId: p.cellB1, date, purpose: 'hoc_tap' }, 'purpose'],
      ['POST', '/api/v1/transfers', { kind: 'noi_bo', personId: mover.id, toOrgId: p.cellB1, date: '2030-01-01' }, 'date'],
      ['POST', '/api/v1/transfers', { kind: 'den', toOrgId: p.cellB1, date, outsideOrgName: 'Nơi khác', letterNo: '1', letterDate: date }, 'person'],
      ['POST', steps, { action: 'duyet', date }, 'version'],
      ['POST', steps, { action: 'duyet', version: untouched.version, date: '2026-02-30', number: '1' }, 'date'],
      ['POST', steps, { action: 'tu_choi', version: untouched.version, date }, 'reason'],
      ['POST', steps, { action: 'tiep_nhan', version: untouched.version, date }, 'action'],
      ['POST', steps, { action: 'duyet', version: untouched.version, date }, 'number'],
      ['POST', steps, { action: 'duyet', version: untouched.version + 5, date, number: '1' }, 'version'],
    ],
    tables: ['transfer', 'transfer_step'],
  };
};
