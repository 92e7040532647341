import { describe, expect, it } from 'vitest';
import {
  addDaysIso,
  dateLineVi,
  isTransferOverdue,
  needsUpperApproval,
  numberWordsVi,
  pendingAction,
  pendingActor,
  receiptDeadline,
  transferChain,
  transferRefusal,
  transferStep,
  TRANSFER_ACTIONS,
  TRANSFER_STATES,
  type TransferShape,
} from './transfer.js';

const shape = (over: Partial<TransferShape> = {}): TransferShape => ({ kind: 'noi_bo', state: 'de_xuat', needsUpper: false, toInSystem: true, ...over });
const ok = (t: TransferShape, a: Parameters<typeof transferStep>[1]) => {
  const r = transferStep(t, a);
  if (!r.ok) throw new Error(r.message);
  return r;
};

describe('transfer transition table', () => {
  it('walks a transfer inside one base organization: approve issues the letter, receipt moves the member', () => {
    const a = ok(shape(), 'duyet');
    expect(a).toMatchObject({ state: 'cho_tiep_nhan', issuesLetter: true, ledger: null, actor: 'base' });
    expect(ok(shape({ state: 'cho_tiep_nhan' }), 'tiep_nhan')).toMatchObject({ state: 'da_tiep_nhan', ledger: 'chuyen_noi_bo', actor: 'to' });
  });

  it('needs the upper committee when the destination leaves the base subtree, and only then', () => {
    const t = shape({ needsUpper: true });
    expect(ok(t, 'duyet')).toMatchObject({ state: 'da_duyet', issuesLetter: false });
    expect(ok({ ...t, state: 'da_duyet' }, 'duyet_cap_tren')).toMatchObject({ state: 'cho_tiep_nhan', issuesLetter: true, actor: 'upper' });
    expect(transferStep(shape(), 'duyet_cap_tren').ok).toBe(false);
    expect(transferStep(t, 'duyet_cap_tren').ok).toBe(false);
  });

  it('records the ledger event where the brief puts it for each kind', () => {
    const out = shape({ kind: 'ra_ngoai', needsUpper: true, toInSystem: false, state: 'da_duyet' });
    expect(ok(out, 'duyet_cap_tren')).toMatchObject({ state: 'da_chuyen_di', ledger: 'chuyen_di' });
    expect(ok(shape({ kind: 'den', state: 'cho_tiep_nhan' }), 'tiep_nhan')).toMatchObject({ state: 'da_tiep_nhan', ledger: 'chuyen_den' });
    const temp = shape({ kind: 'tam_thoi', state: 'cho_tiep_nhan' });
    expect(ok(temp, 'tiep_nhan')).toMatchObject({ state: 'dang_tam_thoi', ledger: 'tam_chuyen_di' });
    expect(ok({ ...temp, state: 'dang_tam_thoi' }, 'tro_ve')).toMatchObject({ state: 'da_tro_ve', ledger: 'tam_chuyen_ve', actor: 'from' });
    const tempOut = shape({ kind: 'tam_thoi', needsUpper: true, toInSystem: false, state: 'da_duyet' });
    expect(ok(tempOut, 'duyet_cap_tren')).toMatchObject({ state: 'dang_tam_thoi', ledger: 'tam_chuyen_di' });
  });

  it('refuses by whoever holds the pending step, never after the end', () => {
    expect(ok(shape(), 'tu_choi')).toMatchObject({ state: 'tu_choi', actor: 'base' });
    expect(ok(shape({ needsUpper: true, state: 'da_duyet' }), 'tu_choi')).toMatchObject({ actor: 'upper' });
    expect(ok(shape({ state: 'cho_tiep_nhan' }), 'tu_choi')).toMatchObject({ actor: 'to' });
    for (const state of ['da_tiep_nhan', 'da_chuyen_di', 'da_tro_ve', 'tu_choi', 'dang_tam_thoi'] as const)
      expect(transferStep(shape({ state, kind: 'tam_thoi' }), 'tu_choi').ok, state).toBe(false);
  });

  it('allows exactly the listed transitions and explains every refusal in Vietnamese', () => {
    const allowed = new Set<string>();
    for (const kind of ['noi_bo', 'ra_ngoai', 'den', 'tam_thoi'] as const)
      for (const state of TRANSFER_STATES)
        for (const action of TRANSFER_ACTIONS) {
          const t = shape({ kind, state, needsUpper: kind === 'ra_ngoai', toInSystem: kind !== 'ra_ngoai' });
          const r = transferStep(t, action);
          if (r.ok) allowed.add(`${kind}:${state}:${action}`);
          else expect(r.message).toMatch(/^Không thể ".+": .+\.$/);
        }
    expect(allowed.has('noi_bo:da_tiep_nhan:tiep_nhan')).toBe(false);
    expect(allowed.has('noi_bo:dang_tam_thoi:tro_ve')).toBe(false);
    expect([...allowed].filter((a) => a.endsWith(':de_xuat'))).toEqual([]);
    expect(allowed.has('den:de_xuat:duyet')).toBe(false);
    expect(allowed.has('ra_ngoai:cho_tiep_nhan:tiep_nhan')).toBe(false);
    expect(allowed.size).toBe(15);
  });

  it('names the pending step and its actor, and the whole chain', () => {
    expect(pendingAction(shape())).toBe('duyet');
    expect(pendingActor(shape({ needsUpper: true, state: 'da_duyet' }))).toBe('upper');
    expect(pendingAction(shape({ state: 'da_tiep_nhan' }))).toBeNull();
    expect(transferChain({ kind: 'noi_bo', needsUpper: true, toInSystem: true })).toEqual(['de_xuat', 'duyet', 'duyet_cap_tren', 'tiep_nhan']);
    expect(transferChain({ kind: 'ra_ngoai', needsUpper: true, toInSystem: false })).toEqual(['de_xuat', 'duyet', 'duyet_cap_tren']);
    expect(transferChain({ kind: 'tam_thoi', needsUpper: false, toInSystem: true })).toEqual(['de_xuat', 'duyet', 'tiep_nhan', 'tro_ve']);
    expect(transferChain({ kind: 'den', needsUpper: false, toInSystem: true })).toEqual(['de_xuat', 'tiep_nhan']);
  });
});

describe('transfer rules', () => {
  it('derives overdue from the receipt deadline', () => {
    expect(receiptDeadline('2026-01-15')).toBe('2026-02-14');
    expect(receiptDeadline('2024-02-20', 10)).toBe('2024-03-01');
    expect(isTransferOverdue({ state: 'cho_tiep_nhan', receiveBy: '2026-02-14' }, '2026-02-14')).toBe(false);
    expect(isTransferOverdue({ state: 'cho_tiep_nhan', receiveBy: '2026-02-14' }, '2026-02-15')).toBe(true);
    expect(isTransferOverdue({ state: 'da_tiep_nhan', receiveBy: '2026-02-14' }, '2026-03-01')).toBe(false);
    expect(addDaysIso('2025-12-31', 1)).toBe('2026-01-01');
  });

  it('needs the upper committee outside the base subtree', () => {
    expect(needsUpperApproval('/p/c1/', '/p/c1/cell/')).toBe(false);
    expect(needsUpperApproval('/p/c1/', '/p/c2/cell/')).toBe(true);
    expect(needsUpperApproval('/p/c1/', null)).toBe(true);
  });

  it('transfers only active members, one absence at a time', () => {
    expect(transferRefusal('noi_bo', { standing: 'dang_sinh_hoat', activity: 'binh_thuong' })).toBeNull();
    expect(transferRefusal('noi_bo', { standing: 'tu_tran', activity: null })).toMatch(/đang sinh hoạt/);
    expect(transferRefusal('ra_ngoai', { standing: 'dang_sinh_hoat', activity: 'tam_chuyen_di' })).toMatch(/tạm thời/);
    expect(transferRefusal('tam_thoi', { standing: 'dang_sinh_hoat', activity: 'lam_an_xa' })).toMatch(/làm ăn xa/);
    expect(transferRefusal('den', { standing: null, activity: null })).toBeNull();
    expect(transferRefusal('den', { standing: 'da_chuyen_di', activity: null })).toBeNull();
    expect(transferRefusal('den', { standing: 'dang_sinh_hoat', activity: 'binh_thuong' })).toMatch(/đang là đảng viên/);
  });

  it('writes dates and numbers the way letters do', () => {
    expect(dateLineVi('2026-03-05')).toBe('ngày 05 tháng 3 năm 2026');
    expect(numberWordsVi(30)).toBe('ba mươi');
    expect(numberWordsVi(15)).toBe('mười lăm');
    expect(numberWordsVi(21)).toBe('hai mươi mốt');
    expect(numberWordsVi(7)).toBe('bảy');
  });
});
