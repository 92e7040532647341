import { describe, expect, it } from 'vitest';
import { foldMemberEvents, MEMBER_EVENT_KINDS, MEMBER_TRANSITIONS, type LedgerEvent, type MemberEventKind } from './memberLedger.js';

let n = 0;
const ev = (kind: MemberEventKind, effectiveDate: string, orgId: string | null = null, extra: Partial<LedgerEvent> = {}): LedgerEvent => ({
  id: `e${++n}`,
  kind,
  effectiveDate,
  orgId,
  ...extra,
});

function fold(events: LedgerEvent[]) {
  const r = foldMemberEvents(events);
  if (!r.ok) throw new Error(r.violation.message);
  return r.state;
}

describe('member ledger → current state', () => {
  it('derives standing, grade and the primary cell from admission and full membership', () => {
    const s = fold([ev('ket_nap', '2015-05-19', 'cellA'), ev('cong_nhan_chinh_thuc', '2016-05-19')]);
    expect(s).toMatchObject({ standing: 'dang_sinh_hoat', activity: 'binh_thuong', admittedOn: '2015-05-19', officialOn: '2016-05-19', orgId: 'cellA' });
    expect(s.episodes).toEqual([expect.objectContaining({ orgId: 'cellA', kind: 'primary', validFrom: '2015-05-19', validTo: null })]);
  });

  it('moves the member between cells without ever leaving two open primary episodes', () => {
    const s = fold([ev('ket_nap', '2015-01-01', 'A'), ev('chuyen_noi_bo', '2018-03-01', 'B'), ev('chuyen_noi_bo', '2020-03-01', 'C')]);
    const open = s.episodes.filter((e) => e.validTo === null);
    expect(open).toHaveLength(1);
    expect(open[0]!.orgId).toBe('C');
    expect(s.episodes.map((e) => [e.orgId, e.validFrom, e.validTo])).toEqual([
      ['A', '2015-01-01', '2018-03-01'],
      ['B', '2018-03-01', '2020-03-01'],
      ['C', '2020-03-01', null],
    ]);
  });

  it('keeps the home cell during a temporary transfer and closes the secondary on return', () => {
    const s = fold([ev('ket_nap', '2015-01-01', 'A'), ev('tam_chuyen_di', '2019-01-01', 'X'), ev('tam_chuyen_ve', '2019-09-01')]);
    expect(s.activity).toBe('binh_thuong');
    expect(s.orgId).toBe('A');
    expect(s.episodes.find((e) => e.kind === 'secondary')).toMatchObject({ orgId: 'X', validFrom: '2019-01-01', validTo: '2019-09-01' });
  });

  it('ends membership on death, striking off, expulsion and transfer out, closing every episode', () => {
    for (const [kind, standing] of [
      ['tu_tran', 'tu_tran'],
      ['xoa_ten', 'xoa_ten'],
      ['khai_tru', 'khai_tru'],
      ['chuyen_di', 'da_chuyen_di'],
    ] as const) {
      const s = fold([ev('ket_nap', '2015-01-01', 'A'), ev('tam_chuyen_di', '2016-01-01', 'X'), ev(kind, '2020-01-01')]);
      expect(s.standing).toBe(standing);
      expect(s.episodes.every((e) => e.validTo === '2020-01-01')).toBe(true);
    }
  });

  it('restores a struck-off member with a new episode', () => {
    const s = fold([ev('ket_nap', '2010-01-01', 'A'), ev('xoa_ten', '2015-01-01'), ev('phuc_hoi', '2018-01-01', 'B')]);
    expect(s.standing).toBe('dang_sinh_hoat');
    expect(s.episodes.filter((e) => e.validTo === null).map((e) => e.orgId)).toEqual(['B']);
  });

  it('takes the dates a transferred-in member brings from outside', () => {
    const s = fold([ev('chuyen_den', '2020-01-01', 'A', { admittedOn: '2001-02-03', officialOn: '2002-02-03' })]);
    expect(s).toMatchObject({ admittedOn: '2001-02-03', officialOn: '2002-02-03', standing: 'dang_sinh_hoat' });
  });
});

describe('refused transitions', () => {
  const refused = (events: LedgerEvent[], code?: string) => {
    const r = foldMemberEvents(events);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.violation.message).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]/);
      if (code) expect(r.violation.code).toBe(code);
    }
  };
  it('refuses full membership less than 12 months after admission', () => {
    refused([ev('ket_nap', '2020-01-15', 'A'), ev('cong_nhan_chinh_thuc', '2021-01-14')], 'PROBATION_TOO_SHORT');
    expect(foldMemberEvents([ev('ket_nap', '2020-01-15', 'A'), ev('cong_nhan_chinh_thuc', '2021-01-15')]).ok).toBe(true);
  });
  it('refuses anything for a deceased member', () => {
    for (const kind of MEMBER_EVENT_KINDS) refused([ev('ket_nap', '2010-01-01', 'A'), ev('tu_tran', '2015-01-01'), ev(kind, '2016-01-01', 'B')]);
  });
  it('refuses expelling someone who is not a member', () => refused([ev('khai_tru', '2016-01-01')]));
  it('refuses admitting twice', () => refused([ev('ket_nap', '2010-01-01', 'A'), ev('ket_nap', '2012-01-01', 'A')]));
  it('refuses placing a member without a cell', () => refused([ev('ket_nap', '2010-01-01')]));
  it('refuses events out of date order', () => refused([ev('ket_nap', '2010-01-01', 'A'), ev('mien_sinh_hoat', '2009-01-01')], 'EVENT_OUT_OF_ORDER'));
  it('refuses ending an exemption that never started', () => refused([ev('ket_nap', '2010-01-01', 'A'), ev('het_mien_sinh_hoat', '2012-01-01')]));
  it('has a rule for every event kind', () => {
    expect(Object.keys(MEMBER_TRANSITIONS).sort()).toEqual([...MEMBER_EVENT_KINDS].sort());
  });
});
