import { describe, expect, it } from 'vitest';
import { checkPlanCodes, parsePlanDate, parsePlanRows, planErrorText, PLAN_COLUMNS } from './restructurePlan.js';

const HEAD = PLAN_COLUMNS.map((c) => c.vi);
const row = (o: Partial<Record<(typeof PLAN_COLUMNS)[number]['key'], string>>) =>
  PLAN_COLUMNS.map((c) => ({ effectiveDate: '01/07/2025', decisionNo: '1250-QĐ/TU', issuer: 'Ban Thường vụ Tỉnh ủy', ...o })[c.key] ?? '');
const TODAY = '2026-01-01';

describe('restructuring plan rows', () => {
  it('reads each operation, with labels written without tones and unique prefixes of labels', () => {
    const { steps, errors } = parsePlanRows(
      [
        HEAD,
        row({ op: 'Thanh lap', codes: 'XA-MOI', target: 'TINH', name: 'Đảng bộ xã Mới', kind: 'dang bo xa', hostType: 'Xã, phường, đặc khu' }),
        row({ op: 'sáp nhập', codes: 'XA-A; XA-B', target: 'XA-MOI' }),
        row({ op: 'chuyển giao', codes: 'CB-1', target: 'XA-MOI', kind: 'Chi bộ trực thuộc' }),
        row({ op: 'giải thể', codes: 'HUYEN', decisionDate: '2025-06-27' }),
        [],
        row({ op: 'chia tách', codes: 'CB-2', target: 'CB-2A;CB-2B', name: 'Chi bộ 2A;Chi bộ 2B' }),
        row({ op: 'đổi tên', codes: 'CB-3', name: 'Chi bộ bản Mới' }),
      ],
      TODAY,
    );
    expect(errors).toEqual([]);
    expect(steps.map((s) => [s.row, s.op])).toEqual([
      [2, 'thanh_lap'],
      [3, 'sap_nhap'],
      [4, 'chuyen_giao'],
      [5, 'giai_the'],
      [7, 'chia_tach'],
      [8, 'doi_ten'],
    ]);
    expect(steps[0]).toMatchObject({ kind: 'dang_uy_xa', hostType: 'xa_phuong', decision: { effectiveDate: '2025-07-01' } });
    expect(steps[1]).toMatchObject({ sourceCodes: ['XA-A', 'XA-B'], newOrg: null });
    expect(steps[3]).toMatchObject({ decision: { decisionDate: '2025-06-27' } });
  });

  it('explains every bad row with its number and column', () => {
    const { errors } = parsePlanRows(
      [
        ['Kế hoạch năm 2025'],
        HEAD,
        row({ op: 'nhập', codes: 'A' }),
        row({ op: 'giải thể', codes: 'A B', effectiveDate: '31/06/2025' }),
        row({ op: 'thành lập', codes: 'X', target: 'T', name: 'N', kind: 'Đảng bộ' }),
        row({ op: 'giải thể', codes: 'A', effectiveDate: '01/01/2027' }),
      ],
      TODAY,
    );
    expect(errors.map((e) => [e.row, e.column])).toEqual([
      [3, 'op'],
      [4, 'effectiveDate'],
      [4, 'codes'],
      [5, 'kind'],
      [5, 'hostType'],
      [6, 'effectiveDate'],
    ]);
    expect(planErrorText(errors[0]!)).toMatch(/^Dòng 3, cột “Thao tác”: “nhập” không phải thao tác/);
    expect(errors[3]!.message).toMatch(/nhiều loại tổ chức/);
  });

  it('needs the heading row', () => {
    expect(parsePlanRows([['a', 'b']], TODAY).errors[0]!.message).toMatch(/dòng tiêu đề/);
    expect(parsePlanRows([['Thao tác', 'Mã tổ chức']], TODAY).errors[0]!.message).toMatch(/thiếu cột .*Ngày hiệu lực/);
  });

  it('reads dates as people write them', () => {
    expect(parsePlanDate('1/7/2025')).toBe('2025-07-01');
    expect(parsePlanDate('01.07.2025')).toBe('2025-07-01');
    expect(parsePlanDate('2025-07-01')).toBe('2025-07-01');
    expect(parsePlanDate('29/02/2025')).toBeNull();
  });

  it('lets a row use a code created by an earlier row, never a later one, and never reuse a taken code', () => {
    const { steps } = parsePlanRows(
      [
        HEAD,
        row({ op: 'chuyển giao', codes: 'CB-1', target: 'XA-MOI' }),
        row({ op: 'thành lập', codes: 'XA-MOI', target: 'TINH', name: 'Xã Mới', kind: 'Đảng bộ xã', hostType: 'Xã, phường, đặc khu' }),
        row({ op: 'chuyển giao', codes: 'CB-2', target: 'xa-moi' }),
        row({ op: 'thành lập', codes: 'CB-1', target: 'XA-MOI', name: 'Chi bộ', kind: 'Chi bộ trực thuộc', hostType: 'Thôn, bản' }),
      ],
      TODAY,
    );
    const usable = new Set(['cb-1', 'cb-2', 'tinh']);
    expect(checkPlanCodes(steps, usable, usable).map((e) => [e.row, e.column])).toEqual([
      [2, 'target'],
      [5, 'codes'],
    ]);
  });
});
