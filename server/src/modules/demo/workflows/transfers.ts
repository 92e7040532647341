import { isCellKind, needsUpperApproval, receiptDeadline, type TransferPurpose, type TransferState } from '@dangvu/common';
import { inSubtrees } from '../../../db/sql.js';
import type { TransferStepTable, TransferTable } from '../../transfers/transfers.tables.js';
import { addDays, dayNo } from '../days.js';
import { insertRows } from '../../../db/insertRows.js';
import type { WorkflowSeeder } from './types.js';
import { idsOfPath } from '../../../platform/scope.js';

interface Org {
  id: string;
  name: string;
  kind: string;
  path: string;
}

const OUTSIDE = [
  'Đảng bộ phường Bến Nghé, Thành phố Hồ Chí Minh',
  'Đảng bộ xã Mường Phăng, tỉnh Điện Biên',
  'Đảng bộ phường Hàng Bạc, Thành phố Hà Nội',
  'Đảng bộ Khối các cơ quan tỉnh Sơn La',
  'Đảng bộ Trường Đại học Sư phạm Hà Nội',
];
const REASONS = ['Chuyển nơi cư trú', 'Thay đổi nơi công tác', 'Theo gia đình', 'Nghỉ hưu về nơi cư trú'];
const DEMO_USER = 'demo';

/**
 * Transfers in every state, spread over communes. Completed ones are attached to moves the
 * generated ledger already holds (chuyển nội bộ, chuyển đi, tạm chuyển … trở về), so the chain
 * and the member's history always agree; open ones have not moved anyone yet.
 */
export const seedTransfers: WorkflowSeeder = async ({ db, rng, ids, today, rootId }) => {
  const k = db.kysely;
  const root = await k.selectFrom('organization_version').select('path').where('org_id', '=', rootId).where('valid_to', 'is', null).executeTakeFirst();
  if (!root) return;
  const orgRows = await k
    .selectFrom('organization_version')
    .select(['org_id as id', 'name', 'kind', 'path'])
    .where('valid_to', 'is', null)
    .where(inSubtrees('path', [root.path]))
    .orderBy('org_id')
    .execute();
  const orgs = new Map<string, Org>(orgRows.map((o) => [o.id, o]));
  const cells = orgRows.filter((o) => isCellKind(o.kind));
  if (cells.length < 2) return;
  const committees = (cell: Org) => {
    const chain = idsOfPath(cell.path).map((i) => orgs.get(i)).filter((o): o is Org => !!o);
    let b = chain.length - 1;
    while (b > 0 && (chain[b]!.kind === 'chi_bo_truc_thuoc' || chain[b]!.kind === 'dang_bo_bo_phan')) b--;
    return { base: chain[b]!, upper: chain[b - 1] ?? chain[b]! };
  };

  const transfers: TransferTable[] = [];
  const steps: TransferStepTable[] = [];
  let letterNo = 1;
  const at = (d: string) => `${d}T08:00:00.000Z`;

  /** One transfer with its chain up to `state`; dates are given oldest first. */
  function add(t: {
    kind: TransferTable['kind'];
    personId: string;
    from: Org;
    to: Org | null;
    outside: string | null;
    state: TransferState;
    proposed: string;
    approved?: string;
    upper?: string;
    received?: string;
    returned?: string;
    refusedAt?: 'duyet' | 'duyet_cap_tren' | 'tiep_nhan';
    refused?: string;
    expectedEnd?: string | null;
    purpose?: TransferPurpose;
    eventIds?: { receipt?: string; back?: string };
  }) {
    const { base, upper } = committees(t.from);
    const needsUpper = needsUpperApproval(base.path, t.to?.path ?? null);
    const id = ids.next();
    const issuedOn = needsUpper ? t.upper : t.approved;
    const issuer = needsUpper ? upper : base;
    const chain: [string, string, Org, string | null, string | null][] = [['de_xuat', t.proposed, t.from, null, rng.pick(REASONS)]];
    if (t.approved) chain.push(['duyet', t.approved, base, null, null]);
    if (needsUpper && t.upper) chain.push(['duyet_cap_tren', t.upper, upper, null, null]);
    const no = issuedOn ? `${letterNo++}-GGT/${needsUpper ? 'ĐUX' : 'ĐU'}` : null;
    if (issuedOn) chain[chain.length - 1]![3] = no;
    if (t.received && t.to) chain.push(['tiep_nhan', t.received, t.to, null, null]);
    if (t.returned) chain.push(['tro_ve', t.returned, t.from, null, null]);
    if (t.refused) chain.push(['tu_choi', t.refused, t.refusedAt === 'tiep_nhan' ? t.to! : t.refusedAt === 'duyet_cap_tren' ? upper : base, null, 'Hồ sơ chưa đủ điều kiện, đề nghị bổ sung']);
    const issuedState: TransferState = t.to ? 'cho_tiep_nhan' : t.kind === 'ra_ngoai' ? 'da_chuyen_di' : 'dang_tam_thoi';
    const states: Record<string, TransferState> = {
      de_xuat: 'de_xuat',
      duyet: needsUpper ? 'da_duyet' : issuedState,
      duyet_cap_tren: issuedState,
      tiep_nhan: t.kind === 'tam_thoi' ? 'dang_tam_thoi' : 'da_tiep_nhan',
    };
    // The step that wrote the ledger: receipt in the system, the letter itself for outside.
    const ledgerStep = t.to ? 'tiep_nhan' : needsUpper ? 'duyet_cap_tren' : 'duyet';
    let prev: string | null = null;
    chain.forEach(([action, date, org, number, note], i) => {
      const last = i === chain.length - 1;
      const to = last ? t.state : (states[action] ?? t.state);
      steps.push({
        id: ids.next(),
        transfer_id: id,
        seq: i + 1,
        action,
        from_state: prev,
        to_state: to,
        on_date: date,
        number,
        note,
        org_id: org.id,
        member_event_id: action === ledgerStep ? (t.eventIds?.receipt ?? null) : action === 'tro_ve' ? (t.eventIds?.back ?? null) : null,
        user_id: null,
        username: DEMO_USER,
        recorded_at: at(date),
      });
      prev = to;
    });
    const end = chain[chain.length - 1]![1];
    transfers.push({
      id,
      kind: t.kind,
      state: t.state,
      person_id: t.personId,
      from_org_id: t.from.id,
      to_org_id: t.to?.id ?? null,
      outside_org_name: t.to ? null : t.outside,
      base_org_id: base.id,
      upper_org_id: upper.id,
      needs_upper: needsUpper ? 1 : 0,
      reason: chain[0]![4],
      purpose: t.purpose ?? null,
      proposed_on: t.proposed,
      expected_end: t.expectedEnd ?? null,
      letter_no: no,
      letter_date: issuedOn ?? null,
      letter_issuer: issuedOn ? issuer.name : null,
      receive_by: issuedOn ? receiptDeadline(issuedOn) : null,
      admitted_on: null,
      official_on: null,
      completed_on: ['da_tiep_nhan', 'da_chuyen_di', 'da_tro_ve', 'tu_choi'].includes(t.state) ? end : null,
      version: chain.length,
      created_by: null,
      created_at: at(t.proposed),
      updated_at: at(end),
    });
  }
  const before = (d: string, lo: number, hi: number) => addDays(d, -rng.int(lo, hi));
  const yearAgo = addDays(today, -365);
  const cap = Math.max(20, Math.round(cells.length / 3));

  // Completed permanent moves of the past year, from the ledger (merger moves carry data and are skipped).
  const moves = await k
    .selectFrom('member_event as ev')
    // Through the person first: SQLite has no index on end_event_id and would scan every episode per event.
    .innerJoin('membership_episode as ep', (j) => j.onRef('ep.person_id', '=', 'ev.person_id').onRef('ep.end_event_id', '=', 'ev.id').on('ep.kind', '=', 'primary'))
    .innerJoin('person as p', 'p.id', 'ev.person_id')
    .select(['ev.id', 'ev.person_id', 'ev.effective_date', 'ev.org_id', 'ep.org_id as from_org', 'ep.valid_from'])
    .where('ev.kind', '=', 'chuyen_noi_bo')
    .where('ev.data', 'is', null)
    .where('ev.effective_date', '>=', yearAgo)
    .where(inSubtrees('p.path', [root.path]))
    .orderBy('ev.id')
    .limit(cap)
    .execute();
  for (const m of moves) {
    const from = orgs.get(m.from_org);
    const to = m.org_id ? orgs.get(m.org_id) : undefined;
    if (!from || !to || addDays(m.valid_from, 40) > m.effective_date) continue;
    const approved = before(m.effective_date, 6, 15);
    add({ kind: 'noi_bo', personId: m.person_id, from, to, outside: null, state: 'da_tiep_nhan', proposed: before(approved, 5, 20), approved, upper: addDays(approved, rng.int(1, 4)), received: m.effective_date, eventIds: { receipt: m.id } });
  }

  const outs = await k
    .selectFrom('member_event as ev')
    .innerJoin('person as p', 'p.id', 'ev.person_id')
    .select(['ev.id', 'ev.person_id', 'ev.effective_date', 'ev.org_id'])
    .where('ev.kind', '=', 'chuyen_di')
    .where('ev.effective_date', '>=', yearAgo)
    .where(inSubtrees('p.path', [root.path]))
    .orderBy('ev.id')
    .limit(Math.ceil(cap / 2))
    .execute();
  for (const o of outs) {
    const from = o.org_id ? orgs.get(o.org_id) : undefined;
    if (!from || !isCellKind(from.kind)) continue;
    const upper = o.effective_date;
    const approved = before(upper, 2, 8);
    add({ kind: 'ra_ngoai', personId: o.person_id, from, to: null, outside: rng.pick(OUTSIDE), state: 'da_chuyen_di', proposed: before(approved, 5, 15), approved, upper, eventIds: { receipt: o.id } });
  }

  // Temporary transfers: returned ones (completed), and those still away (in effect).
  const temps = await k
    .selectFrom('member_event as ev')
    .innerJoin('person as p', 'p.id', 'ev.person_id')
    .leftJoin('member_event as back', (j) => j.onRef('back.person_id', '=', 'ev.person_id').on('back.kind', '=', 'tam_chuyen_ve').onRef('back.effective_date', '>=', 'ev.effective_date'))
    .select(['ev.id', 'ev.person_id', 'ev.effective_date', 'ev.org_id', 'p.org_id as home', 'p.activity', 'back.id as back_id', 'back.effective_date as back_on'])
    .where('ev.kind', '=', 'tam_chuyen_di')
    .where('ev.effective_date', '>=', addDays(today, -1826))
    .where(inSubtrees('p.path', [root.path]))
    .orderBy('ev.id')
    .orderBy('back.effective_date')
    .limit(cap)
    .execute();
  const seenTemp = new Set<string>();
  for (const t of temps) {
    if (seenTemp.has(t.id)) continue;
    seenTemp.add(t.id);
    const from = orgs.get(t.home);
    const to = t.org_id ? (orgs.get(t.org_id) ?? null) : null;
    if (!from || !isCellKind(from.kind) || (t.org_id && !to)) continue;
    const away = !t.back_id;
    if (away && t.activity !== 'tam_chuyen_di') continue;
    const received = t.effective_date;
    const approved = before(received, 3, 10);
    add({
      kind: 'tam_thoi',
      personId: t.person_id,
      from,
      to,
      outside: to ? null : rng.pick(OUTSIDE),
      state: away ? 'dang_tam_thoi' : 'da_tro_ve',
      proposed: before(approved, 3, 10),
      approved,
      upper: to ? addDays(approved, rng.int(1, 2)) : received,
      received: to ? received : undefined,
      returned: away ? undefined : t.back_on!,
      expectedEnd: addDays(received, rng.int(180, 365)),
      purpose: rng.chance(0.35) ? 'hoc_tap' : 'cong_tac',
      eventIds: { receipt: t.id, back: t.back_id ?? undefined },
    });
  }

  // Open transfers: nobody has moved yet, so the ledger is untouched.
  const busy = new Set(transfers.filter((t) => t.state === 'dang_tam_thoi').map((t) => t.person_id));
  const wanted = Math.min(2000, Math.max(12, Math.round(cells.length / 8)));
  const picks = rng.shuffle([...cells]).slice(0, wanted * 2);
  let made = 0;
  for (const cell of picks) {
    if (made >= wanted) break;
    const m = await k
      .selectFrom('person')
      .select(['id'])
      .where('org_id', '=', cell.id)
      .where('standing', '=', 'dang_sinh_hoat')
      .where('activity', '=', 'binh_thuong')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!m || busy.has(m.id)) continue;
    const last = await k.selectFrom('member_event').select((eb) => eb.fn.max('effective_date').as('d')).where('person_id', '=', m.id).executeTakeFirst();
    const lastOn = (last?.d as string | null) ?? '1900-01-01';
    const state = (['de_xuat', 'de_xuat', 'da_duyet', 'cho_tiep_nhan', 'cho_tiep_nhan', 'qua_han', 'qua_han', 'tu_choi'] as const)[made % 8]!;
    // Destinations: mostly another commune (upper approval), sometimes next door.
    const far = rng.chance(0.6);
    const home = committees(cell).base.path;
    let to: Org | null = null;
    for (let tries = 0; tries < 20 && !to; tries++) {
      const c = rng.pick(cells);
      if (c.id !== cell.id && (!far || !c.path.startsWith(home))) to = c;
    }
    if (!to) continue;
    const issued = state === 'qua_han' ? before(today, 35, 80) : before(today, 1, 25);
    const approved = before(issued, 1, 4);
    const proposed = before(approved, 2, 10);
    if (dayNo(proposed) <= dayNo(lastOn)) continue;
    const needsUpper = needsUpperApproval(committees(cell).base.path, to.path);
    const base = { kind: 'noi_bo', personId: m.id, from: cell, to, outside: null, proposed } as const;
    if (state === 'de_xuat') add({ ...base, state, proposed: before(today, 0, 10) });
    else if (state === 'da_duyet') {
      if (!needsUpper) continue;
      add({ ...base, state, approved: before(today, 0, 5), proposed: before(today, 6, 15) });
    } else if (state === 'tu_choi') add({ ...base, state, approved, refusedAt: 'tiep_nhan', refused: issued, upper: needsUpper ? addDays(approved, 1) : undefined });
    else add({ ...base, state: 'cho_tiep_nhan', approved: needsUpper ? approved : issued, upper: needsUpper ? issued : undefined });
    busy.add(m.id);
    made++;
  }

  await k.transaction().execute(async (trx) => {
    await insertRows(trx, 'transfer', transfers);
    await insertRows(trx, 'transfer_step', steps);
  });
};
