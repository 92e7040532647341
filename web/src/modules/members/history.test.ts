import { describe, expect, it } from 'vitest';
import type { MemberHistory } from './api';
import { admissionEvent, admittingCellName, mergeHistory } from './history';

const h: MemberHistory = {
  events: [
    { id: 'e1', kind: 'ket_nap', effectiveDate: '2017-01-30', decisionNo: '732-QĐ/HU', decisionDate: '2017-01-30', issuer: 'BTV Huyện ủy', orgId: 'c1', note: null, recordedAt: '' },
    { id: 'e2', kind: 'chuyen_noi_bo', effectiveDate: '2017-11-03', decisionNo: '503-QĐ/HU', decisionDate: null, issuer: null, orgId: 'c2', note: null, recordedAt: '' },
    { id: 'e3', kind: 'cong_nhan_chinh_thuc', effectiveDate: '2018-03-13', decisionNo: '813-QĐ/HU', decisionDate: null, issuer: null, orgId: null, note: null, recordedAt: '' },
  ],
  episodes: [
    { id: 'p1', orgId: 'c1', orgName: 'Chi bộ Cơ quan xã', kind: 'primary', validFrom: '2017-01-30', validTo: '2017-11-03' },
    { id: 'p2', orgId: 'c2', orgName: 'Chi bộ Quân sự xã', kind: 'primary', validFrom: '2017-11-03', validTo: null },
  ],
  qualifications: [{ id: 'q1', kind: 'ly_luan_chinh_tri', level: 'so_cap', obtainedOn: '2017-06-01', note: null }],
};

describe('merged member history', () => {
  it('puts everything in date order and shows an episode inside the decision that opened it', () => {
    const items = mergeHistory(h);
    expect(items.map((i) => i.key)).toEqual(['e-e1', 'q-q1', 'e-e2', 'e-e3']);
    expect(items[0]!.type === 'event' && items[0]!.episode?.id).toBe('p1');
  });

  it('keeps an episode no decision explains (e.g. a restructuring) as its own entry', () => {
    const extra = { ...h, episodes: [...h.episodes, { id: 'p3', orgId: 'c3', orgName: 'Chi bộ mới', kind: 'secondary' as const, validFrom: '2017-11-03', validTo: null }] };
    expect(mergeHistory(extra).map((i) => i.key)).toEqual(['e-e1', 'q-q1', 'e-e2', 'p-p3', 'e-e3']);
  });
  it('names the cell an event points to', () => {
    const first = mergeHistory(h)[0]!;
    expect(first.type === 'event' && first.orgName).toBe('Chi bộ Cơ quan xã');
  });
  it('finds the admission decision and the admitting cell', () => {
    expect(admissionEvent(h, '2017-01-30')?.decisionNo).toBe('732-QĐ/HU');
    expect(admissionEvent(h, '2016-01-01')).toBeUndefined();
    expect(admittingCellName(h, 'c1')).toBe('Chi bộ Cơ quan xã');
  });
});
