import { todayIso } from '@dangvu/common';
import { buildMember } from '../../test/factories.js';
import { send, type MutationSuite } from '../../test/mutations.js';

/** This module's entries for the every-mutating-route test (platform/mutations.test.ts). */
export const ratingsMutations: MutationSuite = async (_env, p) => {
  const year = Number(todayIso().slice(0, 4)) - 2;
  const date = `${year}-12-15`;
  const post = async <T>(url: string, body: unknown): Promise<T> => {
    const r = await p.admin.call('POST', url, body);
    if (r.statusCode >= 300) throw new Error(`ratings setup failed: ${url} ${r.statusCode} ${r.body}`);
    return r.json() as T;
  };
  const member = () => buildMember(p.admin, p.cellB2, { cccd: null });
  const [m1, m2, m3, m4, m5] = [await member(), await member(), await member(), await member(), await member()];
  const selfAssessed = await post<{ id: string; version: number }>('/api/v1/ratings', { subjectKind: 'dang_vien', personId: m2.id, year, step: 'tu_danh_gia', date, ratingLevel: 'htt' });
  // The old scale has no cap, so one member alone may be decided "xuất sắc" and commended.
  let old = await post<{ id: string; version: number }>('/api/v1/ratings', { subjectKind: 'dang_vien', personId: m3.id, year: 2016, step: 'de_xuat', date: '2016-12-10', ratingLevel: 'cu_dtc_xs' });
  old = await post(`/api/v1/ratings/${old.id}/steps`, { version: old.version, step: 'quyet_dinh', date: '2016-12-20', ratingLevel: 'cu_dtc_xs', decisionNo: '12-QĐ/ĐU', decisionDate: '2016-12-20', issuer: 'Đảng ủy xã Huổi Luông' });
  const body = await post<{ id: string; version: number }>('/api/v1/ratings/bodies', { kind: 'mttq', name: 'Ủy ban MTTQ xã Huổi Luông', orgId: p.communeB });
  // Bad inputs run after the cases, on records no case has moved on.
  const untouched = await post<{ id: string; version: number }>('/api/v1/ratings', { subjectKind: 'dang_vien', personId: m5.id, year, step: 'tu_danh_gia', date, ratingLevel: 'htt' });
  const body2 = await post<{ id: string; version: number }>('/api/v1/ratings/bodies', { kind: 'hoi_nong_dan', name: 'Hội Nông dân xã Huổi Luông', orgId: p.communeB });
  const steps = `/api/v1/ratings/${untouched.id}/steps`;
  const decision = { decisionNo: '20-QĐ/ĐU', decisionDate: date, issuer: 'Đảng ủy xã Huổi Luông' };
  return {
    cases: {
      'POST /api/v1/ratings': (s) => send(s, 'POST', '/api/v1/ratings', { subjectKind: 'dang_vien', personId: m1.id, year, step: 'tu_danh_gia', date, ratingLevel: 'htt' }),
      'POST /api/v1/ratings/:id/steps': (s) => send(s, 'POST', `/api/v1/ratings/${selfAssessed.id}/steps`, { version: selfAssessed.version, step: 'de_xuat', date, ratingLevel: 'htt' }),
      'POST /api/v1/ratings/:id/commendation': (s) => send(s, 'POST', `/api/v1/ratings/${old.id}/commendation`, { ...decision, decisionDate: '2017-01-10' }),
      'POST /api/v1/ratings/cell/:orgId': (s) =>
        send(s, 'POST', `/api/v1/ratings/cell/${p.cellB2}`, { year, date, rows: [{ personId: m4.id, selfLevel: 'htt', proposedLevel: 'htt' }] }),
      'POST /api/v1/ratings/settings': (s) => send(s, 'POST', '/api/v1/ratings/settings', { orgId: p.province, fromYear: 2099, capPercent: 20 }),
      'POST /api/v1/ratings/bodies': (s) => send(s, 'POST', '/api/v1/ratings/bodies', { kind: 'doan_tn', name: 'Đoàn TN xã Huổi Luông', orgId: p.communeB }),
      'POST /api/v1/ratings/bodies/:id/ratings': (s) =>
        send(s, 'POST', `/api/v1/ratings/bodies/${body.id}/ratings`, { version: body.version, year, bodyLevel: 'kha', ...decision }),
    },
    bad: [
      ['POST', '/api/v1/ratings', { subjectKind: 'dang_vien', year, step: 'tu_danh_gia', date, ratingLevel: 'htt' }, 'personId'],
      ['POST', '/api/v1/ratings', { subjectKind: 'dang_vien', personId: m1.id, year, step: 'tu_danh_gia', date, ratingLevel: 'xuat_sac' }, 'ratingLevel'],
      ['POST', '/api/v1/ratings', { subjectKind: 'dang_vien', personId: m1.id, year: 2016, step: 'de_xuat', date: '2016-12-10', ratingLevel: 'htxs' }, 'ratingLevel'],
      ['POST', '/api/v1/ratings', { subjectKind: 'dang_vien', personId: m1.id, year: 2020, step: 'de_xuat', date: '2020-12-10', ratingLevel: 'htt', score: 80 }, 'score'],
      ['POST', '/api/v1/ratings', { subjectKind: 'dang_vien', personId: m1.id, year: 2020, step: 'quyet_dinh', date: '2020-12-10', ratingLevel: 'htt', ...decision, decisionDate: '2020-12-10' }, 'step'],
      ['POST', '/api/v1/ratings', { subjectKind: 'to_chuc', year, step: 'de_xuat', date, ratingLevel: 'htt' }, 'orgId'],
      ['POST', '/api/v1/ratings', { subjectKind: 'dang_vien', personId: m1.id, year, step: 'khong_xep_loai', date }, 'exemptReason'],
      ['POST', '/api/v1/ratings', { subjectKind: 'dang_vien', personId: m1.id, year, step: 'tu_danh_gia', date: '2099-01-01', ratingLevel: 'htt' }, 'date'],
      ['POST', steps, { step: 'de_xuat', date, ratingLevel: 'htt' }, 'version'],
      ['POST', steps, { version: untouched.version, step: 'quyet_dinh', date, ratingLevel: 'htt' }, 'decisionNo'],
      ['POST', steps, { version: untouched.version, step: 'quyet_dinh', date, ratingLevel: 'htt', ...decision }, 'step'],
      ['POST', steps, { version: untouched.version + 7, step: 'de_xuat', date, ratingLevel: 'htt' }, 'version'],
      ['POST', `/api/v1/ratings/${untouched.id}/commendation`, decision, 'id'],
      ['POST', `/api/v1/ratings/${old.id}/commendation`, { ...decision, issuer: ' ' }, 'issuer'],
      ['POST', `/api/v1/ratings/cell/${p.cellB2}`, { year, date, rows: [] }, 'rows'],
      ['POST', `/api/v1/ratings/cell/${p.cellB2}`, { year, date, rows: [{ personId: m4.id, proposedLevel: 'tot' }] }, 'rows.0.proposedLevel'],
      ['POST', `/api/v1/ratings/cell/${p.cellB2}`, { year: 2016, date: '2016-12-01', rows: [{ personId: m1.id, proposedLevel: 'htt' }] }, 'rows.0.proposedLevel'],
      ['POST', `/api/v1/ratings/cell/${p.communeB}`, { year, date, rows: [{ personId: m4.id, proposedLevel: 'htt' }] }, 'orgId'],
      ['POST', '/api/v1/ratings/settings', { orgId: p.communeB, fromYear: 2030, capPercent: 20 }, 'orgId'],
      ['POST', '/api/v1/ratings/settings', { orgId: p.province, fromYear: 2030, capPercent: 120 }, 'capPercent'],
      ['POST', '/api/v1/ratings/bodies', { kind: 'hoi_phu_nu', name: '', orgId: p.communeB }, 'name'],
      ['POST', '/api/v1/ratings/bodies', { kind: 'hoi_bong_da', name: 'Hội', orgId: p.communeB }, 'kind'],
      ['POST', `/api/v1/ratings/bodies/${body2.id}/ratings`, { version: body2.version, year, bodyLevel: 'xuat_sac', ...decision }, 'bodyLevel'],
      ['POST', `/api/v1/ratings/bodies/${body2.id}/ratings`, { version: body2.version, year, bodyLevel: 'tot', ...decision, decisionDate: '2001-01-01' }, 'decisionDate'],
      ['POST', `/api/v1/ratings/bodies/${body2.id}/ratings`, { version: body2.version + 3, year, bodyLevel: 'tot', ...decision }, 'version'],
    ],
    tables: ['rating', 'rating_step', 'rating_setting', 'nonparty_body', 'nonparty_rating', 'award'],
  };
};
