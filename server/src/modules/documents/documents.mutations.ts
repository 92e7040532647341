import { addDaysIso, todayIso } from '@dangvu/common';
import { buildMember } from '../../test/factories.js';
import { send, type MutationSuite } from '../../test/mutations.js';

const post = async (s: Parameters<MutationSuite>[1]['admin'], url: string, body: unknown) => {
  const res = await s.call('POST', url, body);
  if (res.statusCode !== 201) throw new Error(`documents setup failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; version: number };
};

/** This module's entries for the every-mutating-route test (platform/mutations.test.ts). */
export const documentsMutations: MutationSuite = async (_env, p) => {
  const date = addDaysIso(todayIso(), -30);
  const doc = (symbol: string, extra: Record<string, unknown> = {}) => ({ symbol, issuedOn: '2021-03-01', term: '2020-2025', summary: 'Về công tác phát triển đảng viên', orgId: p.province, ...extra });
  const d1 = await post(p.admin, '/api/v1/documents', doc('901-NQ/TU'));
  const d2 = await post(p.admin, '/api/v1/documents', doc('902-NQ/TU'));
  const m = await buildMember(p.admin, p.cellA1, { cccd: null });
  const session = await post(p.admin, '/api/v1/study/sessions', { orgId: p.communeA, studiedOn: date, documentIds: [d1.id], attendeeIds: [m.id] });
  const target = { metric: 'ket_nap_dang_vien', value: 1000, unit: 'so_luong_nam', periodFrom: 2021, periodTo: 2025 };
  const small = Buffer.from('Nội dung nghị quyết').toString('base64');
  return {
    cases: {
      'POST /api/v1/documents': (s) => send(s, 'POST', '/api/v1/documents', { ...doc('903-NQ/TU'), targets: [target] }),
      'PATCH /api/v1/documents/:id': (s) => send(s, 'PATCH', `/api/v1/documents/${d1.id}`, { version: d1.version, summary: 'Về phát triển đảng viên ở thôn, bản', tags: ['phát triển đảng'] }),
      'POST /api/v1/documents/:id/targets': (s) => send(s, 'POST', `/api/v1/documents/${d2.id}/targets`, { ...target, version: d2.version }),
      'POST /api/v1/documents/:id/attachments': (s) => send(s, 'POST', `/api/v1/documents/${d2.id}/attachments`, { fileName: 'nghi-quyet.txt', mimeType: 'text/plain', contentBase64: small }),
      'POST /api/v1/study/sessions': (s) => send(s, 'POST', '/api/v1/study/sessions', { orgId: p.communeB, studiedOn: date, documentIds: [d2.id], memberCount: 30, nonMemberCount: 12 }),
      'POST /api/v1/study/sessions/:id/attendance': (s) =>
        send(s, 'POST', `/api/v1/study/sessions/${session.id}/attendance`, { version: session.version, attendeeIds: [m.id], memberCount: 5, nonMemberCount: 2 }),
    },
    bad: [
      ['POST', '/api/v1/documents', doc('NQ-08/TU'), 'symbol'],
      ['POST', '/api/v1/documents', doc('904-NQ/TU', { term: null }), 'term'],
      ['POST', '/api/v1/documents', doc('904-NQ/TU', { term: '2010-2015' }), 'term'],
      ['POST', '/api/v1/documents', doc('0901-nq/tu'), 'symbol'],
      ['POST', '/api/v1/documents', doc('904-NQ/TU', { summary: '' }), 'summary'],
      ['POST', '/api/v1/documents', doc('904-NQ/TU', { issuedOn: addDaysIso(todayIso(), 3), term: null, symbol: '904/CT-UBND' }), 'issuedOn'],
      ['POST', '/api/v1/documents', doc('904-NQ/TU', { targets: [{ ...target, unit: 'ty_le', value: 150 }] }), 'targets.0.value'],
      ['POST', '/api/v1/documents', doc('904-NQ/TU', { targets: [{ ...target, periodTo: 2019 }] }), 'targets.0.periodTo'],
      ['PATCH', `/api/v1/documents/${d2.id}`, { summary: 'Khác' }, 'version'],
      ['PATCH', `/api/v1/documents/${d2.id}`, { version: d2.version + 7, summary: 'Khác' }, 'version'],
      ['PATCH', `/api/v1/documents/${d2.id}`, { version: d2.version, summary: 'Khác', issuedOn: '2021-02-30' }, 'issuedOn'],
      ['PATCH', `/api/v1/documents/${d2.id}`, { version: d2.version, summary: 'Khác', term: ' ' }, 'term'],
      ['POST', `/api/v1/documents/${d2.id}/targets`, { ...target, metric: 'khac', version: d2.version }, 'label'],
      ['POST', `/api/v1/documents/${d2.id}/attachments`, { fileName: 'x.bin', contentBase64: '@@@@' }, 'contentBase64'],
      ['POST', `/api/v1/documents/${d2.id}/attachments`, { fileName: 'x.bin', contentBase64: Buffer.alloc(530 * 1024).toString('base64') }, 'contentBase64'],
      ['POST', '/api/v1/study/sessions', { orgId: p.communeA, studiedOn: date, documentIds: [], memberCount: 3 }, 'documentIds'],
      ['POST', '/api/v1/study/sessions', { orgId: p.communeA, studiedOn: date, documentIds: [d1.id] }, 'attendeeIds'],
      ['POST', '/api/v1/study/sessions', { orgId: p.communeA, studiedOn: '2020-01-01', documentIds: [d1.id], memberCount: 3 }, 'studiedOn'],
      ['POST', '/api/v1/study/sessions', { orgId: p.communeA, studiedOn: date, documentIds: [d1.id], attendeeIds: [p.cellA1] }, 'attendeeIds.0'],
      ['POST', `/api/v1/study/sessions/${session.id}/attendance`, { version: session.version + 3, memberCount: 1 }, 'version'],
    ],
    tables: ['document', 'document_target', 'document_attachment', 'study_session', 'study_session_document', 'study_attendance'],
  };
};
