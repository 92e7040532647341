import { buildMember } from '../../test/factories.js';
import { send, type MutationSuite } from '../../test/mutations.js';

/** This module's entries for the every-mutating-route test (platform/mutations.test.ts). */
export const cadresMutations: MutationSuite = async (env, p) => {
  const s = p.admin;
  const json = async <T>(r: Promise<{ statusCode: number; body: string }>) => {
    const res = await r;
    if (res.statusCode >= 300) throw new Error(`cadres mutation setup failed: ${res.statusCode} ${res.body}`);
    return JSON.parse(res.body) as T;
  };
  const unit = (code: string, name: string) =>
    json<{ id: string }>(s.call('POST', '/api/v1/host-units', { effectiveDate: '2008-01-01', code, name, kind: 'thon_ban', orgId: p.communeA, cellOrgId: p.cellA1 }));
  const x1 = (await unit('MUT-X1', 'Bản Một')).id;
  const x2 = (await unit('MUT-X2', 'Bản Hai')).id;
  const x3 = (await unit('MUT-X3', 'Bản Ba')).id;
  const ma = await buildMember(s, p.cellA1, { cccd: null });
  const mb = await buildMember(s, p.cellA1, { cccd: null });
  const np = await json<{ id: string }>(s.call('POST', '/api/v1/people', { fullName: 'Vàng A Lử', sex: 'nam', birthDate: '1975-01-01', ethnicity: '08', orgId: p.communeA }));
  const term = await json<{ id: string; version: number }>(s.call('POST', '/api/v1/terms', { orgId: p.communeA, name: 'Nhiệm kỳ 2010–2015', startDate: '2010-06-01', plannedEndDate: '2015-06-01' }));
  const post = await json<{ id: string; version: number }>(s.call('POST', '/api/v1/posts', { orgId: p.communeA, personId: ma.id, title: 'pho_bi_thu', validFrom: '2011-01-01' }));
  const versionOf = async (id: string) => (await json<{ version: number }>(s.call('GET', `/api/v1/host-units/${id}`))).version;
  const dec = { decisionNo: '3-QĐ/UBND', issuer: 'UBND xã' };

  return {
    cases: {
      'POST /api/v1/host-units': (a) => send(a, 'POST', '/api/v1/host-units', { effectiveDate: '2009-01-01', code: 'MUT-X4', name: 'Bản Bốn', kind: 'to_dan_pho', orgId: p.communeB }),
      'POST /api/v1/host-units/:id/change': async (a) => send(a, 'POST', `/api/v1/host-units/${x1}/change`, { effectiveDate: '2012-01-01', version: await versionOf(x1), name: 'Bản Một Mới' }),
      'POST /api/v1/host-units/:id/link': async (a) => send(a, 'POST', `/api/v1/host-units/${x1}/link`, { effectiveDate: '2013-01-01', version: await versionOf(x1), cellOrgId: p.cellA2 }),
      'POST /api/v1/host-units/merge': (a) => send(a, 'POST', '/api/v1/host-units/merge', { ...dec, effectiveDate: '2014-01-01', sourceIds: [x3], targetId: x1 }),
      'POST /api/v1/host-units/:id/end': async (a) => send(a, 'POST', `/api/v1/host-units/${x2}/end`, { ...dec, effectiveDate: '2014-01-01', version: await versionOf(x2) }),
      'POST /api/v1/terms': (a) => send(a, 'POST', '/api/v1/terms', { orgId: p.communeB, name: 'Nhiệm kỳ 2020–2025', startDate: '2020-06-01', plannedEndDate: '2025-06-01' }),
      'PATCH /api/v1/terms/:id': (a) => send(a, 'PATCH', `/api/v1/terms/${term.id}`, { version: term.version, congress: 'Đại hội lần thứ XV' }),
      'POST /api/v1/posts': (a) => send(a, 'POST', '/api/v1/posts', { orgId: p.communeA, personId: mb.id, title: 'cap_uy_vien', validFrom: '2011-02-01' }),
      'POST /api/v1/posts/:id/end': (a) => send(a, 'POST', `/api/v1/posts/${post.id}/end`, { version: post.version, validTo: '2012-01-01' }),
      'POST /api/v1/rotations': (a) =>
        send(a, 'POST', '/api/v1/rotations', { ...dec, kind: 'luan_chuyen', personId: mb.id, effectiveDate: '2021-01-01', fromOrgId: p.communeA, toOrgId: p.communeB, newPost: { title: 'cap_uy_vien' } }),
    },
    bad: [
      ['POST', '/api/v1/host-units', { effectiveDate: '2009-01-01', code: 'x y', name: 'Bản', kind: 'thon_ban', orgId: p.communeA }, 'code'],
      ['POST', '/api/v1/host-units', { effectiveDate: '2009-01-01', code: 'MUT-B1', name: 'Bản', kind: 'lang', orgId: p.communeA }, 'kind'],
      ['POST', '/api/v1/host-units', { effectiveDate: '2009-02-30', code: 'MUT-B2', name: 'Bản', kind: 'thon_ban', orgId: p.communeA }, 'effectiveDate'],
      ['POST', '/api/v1/host-units', { effectiveDate: '2009-01-01', code: 'MUT-B3', name: 'Bản', kind: 'thon_ban', orgId: p.communeA, cellOrgId: p.communeB }, 'cellOrgId'],
      ['POST', `/api/v1/host-units/${x1}/change`, { effectiveDate: '2015-01-01', name: 'Bản' }, 'version'],
      ['POST', `/api/v1/host-units/${x1}/change`, { effectiveDate: '2000-01-01', version: 99, name: 'Bản' }, 'version'],
      ['POST', '/api/v1/host-units/merge', { ...dec, effectiveDate: '2016-01-01', sourceIds: [] }, 'sourceIds'],
      ['POST', '/api/v1/host-units/merge', { ...dec, effectiveDate: '2016-01-01', sourceIds: [x1] }, 'targetId'],
      ['POST', '/api/v1/terms', { orgId: p.communeA, name: '', startDate: '2016-01-01', plannedEndDate: '2021-01-01' }, 'name'],
      ['POST', '/api/v1/terms', { orgId: p.communeA, name: 'Trùng', startDate: '2012-01-01', plannedEndDate: '2017-01-01' }, 'startDate'],
      ['POST', '/api/v1/posts', { orgId: p.communeA, personId: np.id, title: 'bi_thu', validFrom: '2011-01-01' }, 'personId'],
      ['POST', '/api/v1/posts', { orgId: p.communeA, personId: mb.id, title: 'vua', validFrom: '2011-01-01' }, 'title'],
      ['POST', '/api/v1/posts', { orgId: p.communeA, personId: mb.id, title: 'cap_uy_vien', validFrom: '2999-01-01' }, 'validFrom'],
      ['POST', `/api/v1/posts/${post.id}/end`, { version: post.version + 1, validTo: '2013-01-01' }, 'validTo'],
      ['POST', '/api/v1/rotations', { ...dec, kind: 'bay', personId: mb.id, effectiveDate: '2021-01-01', fromOrgId: p.communeA, toOrgId: p.communeB }, 'kind'],
      ['POST', '/api/v1/rotations', { ...dec, kind: 'dieu_dong', personId: mb.id, effectiveDate: '2021-01-01', fromOrgId: p.communeA, toOrgId: p.communeA, newPost: { title: 'cap_uy_vien' } }, 'toOrgId'],
    ],
    tables: ['host_unit', 'host_unit_version', 'host_unit_cell', 'host_unit_event', 'party_post', 'civic_post', 'committee_term', 'rotation'],
  };
};
