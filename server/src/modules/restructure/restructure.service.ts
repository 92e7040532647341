import {
  checkPlanCodes,
  parsePlanRows,
  planErrorText,
  stepCodes,
  todayIso,
  type PlanColumn,
  type PlanFileIn,
  type PlanRowError,
  type PlanStep,
  type RestructureEffects,
  type RestructureOpIn,
} from '@dangvu/common';
import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inSubtrees } from '../../db/sql.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { AppError, unprocessable } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';
import { idsOfPath, pathWithin, scopeFor } from '../../platform/scope.js';
import { chunks } from '../members/ledger.repository.js';
import { orgRepo } from '../organizations/organizations.repository.js';
import type { OpOptions, OrganizationsService } from '../organizations/organizations.service.js';
import { checkBasis, diff, snapshot, type Footprint } from './effects.js';
import { readPlanFile } from './plan.file.js';

type Trx = Transaction<Database>;

/** Thrown to end a preview: the transaction rolls back and carries the answer out. */
class Rollback<T> extends Error {
  constructor(readonly value: T) {
    super('preview rollback');
  }
}

/** A plan row the service refused: the whole plan stops there and nothing is written. */
class StepFailed extends Error {
  constructor(readonly error: PlanRowError) {
    super(error.message);
  }
}

/** Someone else changed an organization (or a transfer on its route) while the plan ran. */
const CONCURRENT = new Set(['ORG_CHANGED', 'VERSION_CONFLICT']);

/** Which column a service refusal points at, for each field the services name. */
const COLUMN_OF_FIELD: Record<string, PlanColumn> = {
  effectiveDate: 'effectiveDate',
  decisionNo: 'decisionNo',
  decisionDate: 'decisionDate',
  issuer: 'issuer',
  name: 'name',
  kind: 'kind',
  hostType: 'hostType',
  newParentId: 'target',
  targetId: 'target',
  parentId: 'target',
  'newOrg.parentId': 'target',
  parts: 'target',
};

export function footprintOf(op: RestructureOpIn): Footprint {
  switch (op.op) {
    case 'thanh_lap':
      return { deep: [], shallow: op.parentId ? [op.parentId] : [] };
    case 'doi_ten':
      return { deep: [], shallow: [op.orgId] };
    case 'chuyen_giao':
      return { deep: [op.orgId], shallow: [op.newParentId] };
    case 'giai_the':
    case 'chia_tach':
      return { deep: [op.orgId], shallow: [] };
    case 'sap_nhap':
      return { deep: op.sourceIds, shallow: [op.targetId, op.newOrg?.parentId].filter((x): x is string => !!x) };
  }
}

const stepSummary = (s: PlanStep) => ({
  row: s.row,
  op: s.op,
  codes: s.op === 'sap_nhap' ? s.sourceCodes : [s.code],
  target: s.op === 'thanh_lap' ? s.parentCode : s.op === 'chuyen_giao' ? s.newParentCode : s.op === 'sap_nhap' ? s.targetCode : s.op === 'chia_tach' ? s.parts.map((p) => p.code).join(';') : null,
  name: s.op === 'thanh_lap' || s.op === 'doi_ten' ? s.name : s.op === 'sap_nhap' ? (s.newOrg?.name ?? null) : s.op === 'chia_tach' ? s.parts.map((p) => p.name).join(';') : null,
  effectiveDate: s.decision.effectiveDate,
  decisionNo: s.decision.decisionNo,
});

/** The deepest path every given path lies under: the plan's place in the tree, for audit scope. */
function commonAncestor(paths: readonly string[]): string {
  if (!paths.length) return '/';
  let common = idsOfPath(paths[0]!);
  for (const p of paths.slice(1)) {
    const parts = idsOfPath(p);
    let i = 0;
    while (i < common.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.length ? `/${common.join('/')}/` : '/';
}

/**
 * Preview and apply run the same service code in the same kind of transaction; a preview rolls
 * it back. So a preview can never promise what the apply would not do.
 */
export function restructureService(db: Kysely<Database>, orgs: OrganizationsService) {
  const who = (ctx: RequestCtx) => ({ userId: ctx.actor.userId, username: ctx.actor.username, requestId: ctx.requestId });

  async function inTransaction<T>(commit: boolean, fn: (trx: Trx) => Promise<T>): Promise<T> {
    try {
      return await db.transaction().execute(async (trx) => {
        const out = await fn(trx);
        if (!commit) throw new Rollback(out);
        return out;
      });
    } catch (e) {
      if (e instanceof Rollback) return e.value as T;
      throw e;
    }
  }

  async function runOp(ctx: RequestCtx, op: RestructureOpIn, commit: boolean) {
    return inTransaction(commit, async (trx) => {
      const before = await snapshot(trx, footprintOf(op));
      // Applied on the strength of a preview: refused if what the preview read has changed since.
      if (op.basis) await checkBasis(trx, before, op.basis);
      const r = await orgs.inner.run(trx, ctx, op);
      const effects = await diff(trx, before, [r.eventId], op.effectiveDate);
      return { eventIds: [r.eventId], orgId: r.orgId, effects };
    });
  }

  /** Codes the plan names: which the user may act on, which are taken, and their ids. */
  async function resolveCodes(ctx: RequestCtx, codes: readonly string[]) {
    const paths = await scopeFor(db, ctx.actor).pathsOn(todayIso());
    const usable = new Set<string>();
    const taken = new Set<string>();
    const idByCode = new Map<string, string>();
    for (const part of chunks([...new Set(codes.map((c) => c.toLowerCase()))], 500)) {
      const rows = await db
        .selectFrom('organization as o')
        .leftJoin('organization_version as v', (j) => j.onRef('v.org_id', '=', 'o.id').on('v.valid_to', 'is', null))
        .select(['o.id', 'o.code', 'v.path'])
        .where(sql<string>`lower(o.code)`, 'in', part)
        .execute();
      for (const r of rows) {
        const key = r.code.toLowerCase();
        taken.add(key);
        if (r.path && pathWithin(r.path, paths)) {
          usable.add(key);
          idByCode.set(key, r.id);
        }
      }
    }
    return { usable, taken, idByCode };
  }

  async function idOf(trx: Trx, code: string, column: PlanColumn, row: number): Promise<string> {
    const r = await trx.selectFrom('organization').select('id').where(sql<string>`lower(code)`, '=', code.toLowerCase()).executeTakeFirst();
    if (!r) throw new StepFailed({ row, column, message: `không có tổ chức mã “${code}”.` });
    return r.id;
  }

  /** One plan row through the same inner operations the single-operation screens use. */
  async function runStep(trx: Trx, ctx: RequestCtx, s: PlanStep, o: OpOptions) {
    const d = { ...s.decision };
    const inner = orgs.inner;
    switch (s.op) {
      case 'thanh_lap':
        return inner.establish(trx, ctx, { ...d, code: s.code, name: s.name, kind: s.kind, hostType: s.hostType, parentId: await idOf(trx, s.parentCode, 'target', s.row) }, o);
      case 'doi_ten':
        return inner.rename(trx, ctx, await idOf(trx, s.code, 'codes', s.row), { ...d, name: s.name, kind: s.kind ?? undefined, hostType: s.hostType ?? undefined }, o);
      case 'chuyen_giao':
        return inner.transfer(trx, ctx, await idOf(trx, s.code, 'codes', s.row), { ...d, newParentId: await idOf(trx, s.newParentCode, 'target', s.row), kind: s.kind ?? undefined }, o);
      case 'giai_the':
        return inner.dissolve(trx, ctx, await idOf(trx, s.code, 'codes', s.row), d, o);
      case 'sap_nhap': {
        const sourceIds: string[] = [];
        for (const c of s.sourceCodes) sourceIds.push(await idOf(trx, c, 'codes', s.row));
        if (!s.newOrg) return inner.merge(trx, ctx, { ...d, sourceIds, targetId: await idOf(trx, s.targetCode, 'target', s.row) }, o);
        // A new organization takes the place the merged ones shared in the tree.
        const current = await Promise.all(sourceIds.map((id) => orgRepo.current(trx, id)));
        const parents = new Set(current.map((v) => v?.parent_id ?? null));
        const parentId = [...parents][0];
        if (parents.size !== 1 || !parentId)
          throw new StepFailed({
            row: s.row,
            column: 'target',
            message: 'các tổ chức bị sáp nhập không cùng một cấp trên, nên không biết tổ chức mới trực thuộc đâu. Hãy thành lập tổ chức mới ở một dòng trước rồi sáp nhập vào nó.',
          });
        const hostType = s.newOrg.hostType ?? current[0]?.host_type ?? 'khac';
        return inner.merge(trx, ctx, { ...d, sourceIds, newOrg: { code: s.targetCode, name: s.newOrg.name, kind: s.newOrg.kind, hostType, parentId } }, o);
      }
      case 'chia_tach': {
        const id = await idOf(trx, s.code, 'codes', s.row);
        const v = await orgRepo.current(trx, id);
        // A spreadsheet cannot list people: the first new organization takes everyone, to be adjusted by transfers.
        const children = (await orgRepo.childrenOn(trx, id, todayIso())).map((c) => c.org_id);
        const members = (await trx.selectFrom('person').select('id').where('org_id', '=', id).where('standing', '=', 'dang_sinh_hoat').execute()).map((p) => p.id);
        const parts = s.parts.map((p, i) => ({
          code: p.code,
          name: p.name,
          kind: s.kind ?? (v?.kind as never),
          hostType: s.hostType ?? v?.host_type ?? 'khac',
          hostUnitName: null,
          memberIds: i === 0 ? members : [],
          childOrgIds: i === 0 ? children : [],
        }));
        return inner.split(trx, ctx, id, { ...d, parts }, o);
      }
    }
  }

  function footprintOfSteps(steps: readonly PlanStep[], idByCode: ReadonlyMap<string, string>): Footprint {
    const deep = new Set<string>();
    const shallow = new Set<string>();
    const add = (set: Set<string>, code: string) => {
      const id = idByCode.get(code.toLowerCase());
      if (id) set.add(id);
    };
    for (const s of steps) {
      if (s.op === 'chuyen_giao' || s.op === 'giai_the' || s.op === 'chia_tach') add(deep, s.code);
      if (s.op === 'sap_nhap') s.sourceCodes.forEach((c) => add(deep, c));
      for (const u of stepCodes(s).uses) if (!deep.has(idByCode.get(u.code.toLowerCase()) ?? '')) add(shallow, u.code);
    }
    return { deep: [...deep], shallow: [...shallow].filter((id) => !deep.has(id)) };
  }

  interface PlanRun {
    fileName: string;
    steps: PlanStep[];
    errors: PlanRowError[];
    result: { planId: string; eventIds: string[]; effects: RestructureEffects } | null;
  }

  async function runPlan(ctx: RequestCtx, file: PlanFileIn, commit: boolean): Promise<PlanRun> {
    const base = { fileName: file.fileName };
    const read = await readPlanFile(file.fileName, file.content);
    if ('error' in read) return { ...base, steps: [], errors: [read.error], result: null };
    const { steps, errors } = parsePlanRows(read.grid, todayIso());
    const codes = steps.flatMap((s) => {
      const c = stepCodes(s);
      return [...c.uses.map((u) => u.code), ...c.creates];
    });
    const { usable, taken, idByCode } = await resolveCodes(ctx, codes);
    errors.push(...checkPlanCodes(steps, usable, taken));
    errors.sort((a, b) => a.row - b.row);
    if (errors.length) return { ...base, steps, errors, result: null };
    try {
      const result = await inTransaction(commit, async (trx) => {
        const before = await snapshot(trx, footprintOfSteps(steps, idByCode));
        const o: OpOptions = { plan: new Set<string>(), audit: false };
        for (const s of steps) {
          try {
            await runStep(trx, ctx, s, o);
          } catch (e) {
            // A concurrent change is nobody's mistake in the file: it stays a 409, not a row error.
            if (e instanceof AppError && !CONCURRENT.has(e.code)) {
              const column = e.field ? (COLUMN_OF_FIELD[e.field] ?? (e.field === 'code' ? (s.op === 'thanh_lap' ? 'codes' : 'target') : 'codes')) : 'codes';
              throw new StepFailed({ row: s.row, column, message: e.message });
            }
            throw e;
          }
        }
        const eventIds = [...o.plan!];
        const lastDate = steps.map((s) => s.decision.effectiveDate).sort().at(-1)!;
        const effects = await diff(trx, before, eventIds, lastDate);
        const planId = uuidv7();
        if (commit) {
          const paths = [...before.orgs.values()].map((v) => v.path);
          for (const part of chunks(effects.organizations.map((x) => x.orgId), 500))
            paths.push(...(await trx.selectFrom('organization_version').select('path').where('org_id', 'in', part).where('valid_to', 'is', null).execute()).map((r) => r.path));
          await writeAudit(trx, who(ctx), {
            action: 'ke_hoach_sap_xep',
            entity: 'restructure_plan',
            entityId: planId,
            path: commonAncestor(paths),
            after: {
              fileName: file.fileName,
              sha256: createHash('sha256').update(Buffer.from(file.content, 'base64')).digest('hex'),
              result: 'applied',
              rows: steps.map(stepSummary),
              eventIds,
              counts: {
                organizations: effects.organizations.length,
                membersMoved: effects.members.moved,
                hostUnits: effects.hostUnits.length,
                posts: effects.posts.length,
                transfersRerouted: effects.transfers.rerouted,
                transfersRefused: effects.transfers.refused,
              },
            },
          });
        }
        return { planId, eventIds, effects };
      });
      return { ...base, steps, errors: [], result };
    } catch (e) {
      if (e instanceof StepFailed) return { ...base, steps, errors: [e.error], result: null };
      throw e;
    }
  }

  return {
    preview: async (ctx: RequestCtx, op: RestructureOpIn) => (await runOp(ctx, op, false)).effects,
    apply: (ctx: RequestCtx, op: RestructureOpIn) => runOp(ctx, op, true),

    async previewPlan(ctx: RequestCtx, file: PlanFileIn) {
      const r = await runPlan(ctx, file, false);
      return { fileName: r.fileName, steps: r.steps.map(stepSummary), errors: r.errors, effects: r.result?.effects ?? null };
    },

    /** All rows in one transaction, one audit row for the plan listing every event it wrote. */
    async applyPlan(ctx: RequestCtx, file: PlanFileIn) {
      const r = await runPlan(ctx, file, true);
      if (!r.result) {
        const first = r.errors[0]!;
        throw unprocessable(
          'PLAN_INVALID',
          `Kế hoạch có ${r.errors.length} lỗi nên chưa có thay đổi nào được ghi. ${planErrorText(first)}`,
          'content',
          r.errors,
        );
      }
      return { planId: r.result.planId, fileName: r.fileName, steps: r.steps.map(stepSummary), eventIds: r.result.eventIds, effects: r.result.effects };
    },

    /**
     * Restructuring events touching the caller's scope, newest first (the demo's 1 July 2025
     * reform among them): an event shows when any organization it links has ever sat in the scope.
     */
    async events(ctx: RequestCtx) {
      const paths = await scopeFor(db, ctx.actor).pathsOn(todayIso());
      const events = await db
        .selectFrom('org_event as e')
        .selectAll('e')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('org_event_link as l')
              .innerJoin('organization_version as v', (j) => j.on((w) => w.or([w('v.org_id', '=', w.ref('l.from_org_id')), w('v.org_id', '=', w.ref('l.to_org_id'))])))
              .select('l.id')
              .whereRef('l.event_id', '=', 'e.id')
              .where(inSubtrees('v.path', paths)),
          ),
        )
        .orderBy('e.effective_date', 'desc')
        .orderBy('e.recorded_at', 'desc')
        .limit(200)
        .execute();
      const links = await orgRepo.linksFor(db, events.map((e) => e.id));
      const names = new Map<string, string>();
      const ids = [...new Set(links.flatMap((l) => [l.from_org_id, l.to_org_id]).filter((x): x is string => !!x))];
      for (const part of chunks(ids, 500))
        for (const v of await db.selectFrom('organization_version').select(['org_id', 'name']).where('org_id', 'in', part).orderBy('valid_from').execute()) names.set(v.org_id, v.name);
      return {
        items: events.map((e) => ({
          id: e.id,
          kind: e.kind,
          effectiveDate: e.effective_date,
          decisionNo: e.decision_no,
          issuer: e.issuer,
          links: links
            .filter((l) => l.event_id === e.id)
            .map((l) => ({ fromOrgId: l.from_org_id, fromName: l.from_org_id ? (names.get(l.from_org_id) ?? null) : null, toOrgId: l.to_org_id, toName: l.to_org_id ? (names.get(l.to_org_id) ?? null) : null, role: l.role })),
        })),
      };
    },

    /** Plans applied inside the caller's scope, newest first, read from their audit rows. */
    async plans(ctx: RequestCtx) {
      const paths = await scopeFor(db, ctx.actor).pathsOn(todayIso());
      const rows = await db
        .selectFrom('audit_log')
        .select(['entity_id', 'at', 'username', 'after'])
        .where('entity', '=', 'restructure_plan')
        .where(inSubtrees('path', paths))
        .orderBy('at', 'desc')
        .limit(100)
        .execute();
      return {
        items: rows.map((r) => {
          const a = JSON.parse(r.after ?? '{}') as { fileName?: string; rows?: { effectiveDate: string }[]; eventIds?: string[] };
          return {
            planId: r.entity_id,
            fileName: a.fileName ?? '',
            at: r.at,
            username: r.username,
            rowCount: a.rows?.length ?? 0,
            eventCount: a.eventIds?.length ?? 0,
            effectiveDates: [...new Set((a.rows ?? []).map((x) => x.effectiveDate))].sort(),
          };
        }),
      };
    },
  };
}

export type RestructureService = ReturnType<typeof restructureService>;
