import {
  CONTEST_ROUND_LABELS,
  todayIso,
  type ContestDetailOut,
  type ContestEntryIn,
  type ContestPrize,
  type ContestRoundKind,
  type CreateContestIn,
} from '@dangvu/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inSubtrees } from '../../db/sql.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { conflict, notFound, unprocessable } from '../../platform/errors.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';
import { pathWithin } from '../../platform/scope.js';
import { who } from '../admissions/admissions.service.js';
import { readPrefixes } from '../documents/documents.service.js';
import { resolveSubtree } from '../organizations/subtree.js';
import { num, orgNames, staleVersion } from '../documents/documents.scope.js';
import { orgRepo } from '../organizations/organizations.repository.js';

type Q = Kysely<Database>;
const NOT_FOUND = () => notFound('CONTEST_NOT_FOUND', 'Không tìm thấy hội thi (hoặc hội thi nằm ngoài phạm vi của bạn).');

/** Contests such as "Bí thư chi bộ giỏi": rounds with dates, entrants per round, prizes in the last round. */
export function contestsService(db: Q) {
  async function summaries(rows: { id: string; name: string; year: number; org_id: string; decision_no: string | null; version: number }[]) {
    const ids = rows.map((r) => r.id);
    const names = await orgNames(db, rows.map((r) => r.org_id));
    const rounds = ids.length
      ? await db.selectFrom('contest_round').select((eb) => ['contest_id', eb.fn.countAll().as('n')]).where('contest_id', 'in', ids).groupBy('contest_id').execute()
      : [];
    const entries = ids.length
      ? await db
          .selectFrom('contest_entry')
          .select((eb) => ['contest_id', eb.fn.count('person_id').distinct().as('people'), eb.fn.count('prize').as('prizes')])
          .where('contest_id', 'in', ids)
          .groupBy('contest_id')
          .execute()
      : [];
    return rows.map((r) => {
      const e = entries.find((x) => x.contest_id === r.id);
      return {
        id: r.id,
        name: r.name,
        year: r.year,
        org: { id: r.org_id, name: names.get(r.org_id) ?? r.org_id },
        decisionNo: r.decision_no,
        rounds: num(rounds.find((x) => x.contest_id === r.id)?.n),
        entrants: num(e?.people),
        prizes: num(e?.prizes),
        version: r.version,
      };
    });
  }

  async function load(q: Q, ctx: RequestCtx, id: string) {
    const c = await q.selectFrom('contest').selectAll().where('id', '=', id).executeTakeFirst();
    if (!c || !pathWithin(c.path, await readPrefixes(q, ctx))) throw NOT_FOUND();
    return c;
  }

  async function detail(ctx: RequestCtx, id: string): Promise<ContestDetailOut> {
    const c = await load(db, ctx, id);
    const [s] = await summaries([c]);
    const rounds = await db.selectFrom('contest_round').selectAll().where('contest_id', '=', id).orderBy('seq').execute();
    const entries = await db
      .selectFrom('contest_entry as e')
      .innerJoin('person as p', 'p.id', 'e.person_id')
      .select(['e.round_id', 'e.person_id', 'p.full_name', 'e.score', 'e.advanced', 'e.prize'])
      .where('e.contest_id', '=', id)
      .orderBy('e.score', 'desc')
      .orderBy('p.sort_key')
      .execute();
    return {
      ...s!,
      roundList: rounds.map((r) => ({
        id: r.id,
        seq: r.seq,
        kind: r.kind as ContestRoundKind,
        name: r.name,
        heldOn: r.held_on,
        entries: entries
          .filter((e) => e.round_id === r.id)
          .map((e) => ({ personId: e.person_id, fullName: e.full_name, score: e.score === null ? null : Number(e.score), advanced: e.advanced === 1, prize: e.prize as ContestPrize | null })),
      })),
    };
  }

  async function list(ctx: RequestCtx, q: { org?: string | undefined; year?: number | undefined; page: number; pageSize: number }) {
    let base = db.selectFrom('contest').where(inSubtrees('path', (await resolveSubtree(db, ctx, q.org, todayIso())).prefixes));
    if (q.year) base = base.where('year', '=', q.year);
    const total = num((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base.selectAll().orderBy('year', 'desc').orderBy('name').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    return { total, page: q.page, pageSize: q.pageSize, items: await summaries(rows) };
  }

  async function create(ctx: RequestCtx, input: CreateContestIn): Promise<ContestDetailOut> {
    const org = await orgRepo.current(db, input.orgId);
    if (!org || !pathWithin(org.path, await readPrefixes(db, ctx))) throw unprocessable('ORG_NOT_FOUND', 'Không tìm thấy tổ chức đảng này trong phạm vi của bạn.', 'orgId');
    input.rounds.forEach((r, i) => {
      if (Math.abs(Number(r.roundDate.slice(0, 4)) - input.contestYear) > 1)
        throw unprocessable('ROUND_OUT_OF_YEAR', `Ngày thi vòng ${i + 1} không thuộc năm tổ chức ${input.contestYear}.`, `rounds.${i}.roundDate`);
    });
    const id = uuidv7();
    await db.transaction().execute(async (trx) => {
      const now = nowIso();
      const row = { id, org_id: org.org_id, path: org.path, name: input.contestName, year: input.contestYear, decision_no: input.decisionNo, version: 1, created_by: ctx.actor.userId, created_at: now, updated_at: now };
      await trx.insertInto('contest').values(row).execute();
      const rounds = input.rounds.map((r, i) => ({
        id: uuidv7(),
        contest_id: id,
        seq: i + 1,
        kind: r.roundKind,
        name: r.roundName ?? CONTEST_ROUND_LABELS[r.roundKind].vi,
        held_on: r.roundDate,
      }));
      await trx.insertInto('contest_round').values(rounds).execute();
      await writeAudit(trx, who(ctx), { action: 'contest.create', entity: 'contest', entityId: id, path: org.path, after: { ...row, rounds } });
    });
    return detail(ctx, id);
  }

  /**
   * Records an entrant's result in a round. Entering a later round needs having advanced from
   * the previous one; prizes are given in the last round only and each person once per round.
   */
  async function enter(ctx: RequestCtx, id: string, input: ContestEntryIn): Promise<ContestDetailOut> {
    await db.transaction().execute(async (trx) => {
      const c = await load(trx, ctx, id);
      if (c.version !== input.version) throw staleVersion('Hội thi');
      const rounds = await trx.selectFrom('contest_round').selectAll().where('contest_id', '=', id).orderBy('seq').execute();
      const round = rounds.find((r) => r.id === input.roundId);
      if (!round) throw unprocessable('ROUND_NOT_FOUND', 'Vòng thi không thuộc hội thi này.', 'roundId');
      if (round.held_on > todayIso()) throw unprocessable('ROUND_NOT_HELD', 'Vòng thi chưa diễn ra, chưa ghi được kết quả.', 'roundId');
      const person = await trx.selectFrom('person').select(['id', 'path']).where('id', '=', input.entrantId).executeTakeFirst();
      if (!person || !pathWithin(person.path, await readPrefixes(trx, ctx)))
        throw unprocessable('PERSON_NOT_FOUND', 'Không tìm thấy người dự thi trong phạm vi của bạn.', 'entrantId');
      const last = rounds[rounds.length - 1]!;
      if (input.prize && round.id !== last.id) throw unprocessable('PRIZE_NOT_FINAL', 'Giải chỉ trao ở vòng cuối cùng.', 'prize');
      if (round.seq > 1) {
        const prev = rounds[round.seq - 2]!;
        const ok = await trx.selectFrom('contest_entry').select('id').where('round_id', '=', prev.id).where('person_id', '=', person.id).where('advanced', '=', 1).executeTakeFirst();
        if (!ok) throw unprocessable('NOT_ADVANCED', `Người dự thi chưa được chọn vào ${round.name} từ ${prev.name}.`, 'entrantId');
      }
      const dup = await trx.selectFrom('contest_entry').select('id').where('round_id', '=', round.id).where('person_id', '=', person.id).executeTakeFirst();
      if (dup) throw conflict('ENTRY_EXISTS', 'Người này đã có kết quả ở vòng thi này.', 'entrantId');
      const row = {
        id: uuidv7(),
        contest_id: id,
        round_id: round.id,
        person_id: person.id,
        score: input.score,
        advanced: input.advanced && round.id !== last.id ? 1 : 0,
        prize: input.prize,
        created_at: nowIso(),
      };
      await trx.insertInto('contest_entry').values(row).execute();
      const res = await trx.updateTable('contest').set({ version: c.version + 1, updated_at: nowIso() }).where('id', '=', id).where('version', '=', c.version).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw staleVersion('Hội thi');
      await writeAudit(trx, who(ctx), { action: 'contest.entry', entity: 'contest', entityId: id, path: c.path, after: row });
    });
    return detail(ctx, id);
  }

  return { list, detail, create, enter };
}
