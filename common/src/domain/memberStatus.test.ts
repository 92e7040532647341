import { describe, expect, it } from 'vitest';
import { MEMBER_EVENT_KINDS } from './memberLedger.js';
import { allowedEventKinds, mayBeExpelled, statusChangeKinds, statusEventRefusal, TRANSFER_EVENT_KINDS } from './memberStatus.js';

const active = { standing: 'dang_sinh_hoat' as const, activity: 'binh_thuong' as const, admittedOn: '2010-01-01', officialOn: '2011-01-01', orgId: 'cell' };

describe('status changes offered from a state', () => {
  it('offers an active full member exemption, working away and the losses, not a second admission', () => {
    expect(statusChangeKinds(active).sort()).toEqual(['di_lam_an_xa', 'mien_sinh_hoat', 'tu_tran', 'xoa_ten'].sort());
    expect(allowedEventKinds(active)).toContain('chuyen_noi_bo');
    expect(allowedEventKinds(active)).not.toContain('ket_nap');
  });

  it('leaves expulsion to a discipline decision: allowed by the ledger, not offered, refused on the status form', () => {
    expect(allowedEventKinds(active)).toContain('khai_tru');
    expect(statusChangeKinds(active)).not.toContain('khai_tru');
    expect(mayBeExpelled(active)).toBe(true);
    expect(mayBeExpelled({ ...active, standing: 'khai_tru', activity: null })).toBe(false);
    expect(statusEventRefusal('khai_tru')).toMatchObject({ code: 'EVENT_NEEDS_DISCIPLINE', field: 'kind' });
    expect(statusEventRefusal('khai_tru')!.message).toMatch(/^Loại biến động: .*quyết định kỷ luật/);
    for (const k of MEMBER_EVENT_KINDS.filter((x) => x !== 'khai_tru')) expect(statusEventRefusal(k), k).toBeNull();
    for (const k of TRANSFER_EVENT_KINDS) expect(statusChangeKinds(active)).not.toContain(k);
  });

  it('offers a probationary member the decision on full membership', () => {
    expect(statusChangeKinds({ ...active, officialOn: null })).toEqual(expect.arrayContaining(['cong_nhan_chinh_thuc', 'khong_cong_nhan']));
  });

  it('offers only the way back from an exemption or from working away', () => {
    expect(statusChangeKinds({ ...active, activity: 'mien_sinh_hoat' }).sort()).toEqual(['het_mien_sinh_hoat', 'tu_tran', 'xoa_ten'].sort());
    expect(statusChangeKinds({ ...active, activity: 'lam_an_xa' })).toContain('tro_ve_sinh_hoat');
    expect(statusChangeKinds({ ...active, activity: 'lam_an_xa' })).not.toContain('mien_sinh_hoat');
  });

  it('offers restoration after striking off or expulsion, nothing after death, nothing to a non-member', () => {
    expect(statusChangeKinds({ ...active, standing: 'xoa_ten', activity: null })).toEqual(['phuc_hoi']);
    expect(statusChangeKinds({ ...active, standing: 'khai_tru', activity: null })).toEqual(['phuc_hoi']);
    expect(statusChangeKinds({ ...active, standing: 'tu_tran', activity: null })).toEqual([]);
    expect(statusChangeKinds({ standing: null, activity: null, admittedOn: null, officialOn: null, orgId: null })).toEqual([]);
  });
});
