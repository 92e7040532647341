import { todayIso } from '@dangvu/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inSubtrees, validOn } from '../../db/sql.js';
import type { RequestCtx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { pathWithin, scopeFor, subtreePathsOn } from '../../platform/scope.js';
import { orgRepo, type OrgVersionWithCode } from './organizations.repository.js';

export const toVersionOut = (v: OrgVersionWithCode) => ({
  orgId: v.org_id,
  code: v.code,
  name: v.name,
  kind: v.kind,
  hostType: v.host_type,
  hostUnitName: v.host_unit_name,
  parentId: v.parent_id,
  path: v.path,
  depth: v.depth,
  validFrom: v.valid_from,
  validTo: v.valid_to,
});

const NOT_FOUND = () => notFound('ORG_NOT_FOUND', 'Không tìm thấy tổ chức đảng (hoặc tổ chức nằm ngoài phạm vi của bạn).');

/** Names around an event: what an organization was called just before it (sources) or from it (targets). */
async function namesAround(db: Kysely<Database>, wanted: { id: string; on: string; before: boolean }[]) {
  const out = new Map<string, string>();
  const ids = [...new Set(wanted.map((w) => w.id))];
  if (!ids.length) return out;
  const versions = await db.selectFrom('organization_version').select(['org_id', 'name', 'valid_from', 'valid_to']).where('org_id', 'in', ids).orderBy('valid_from').execute();
  for (const w of wanted) {
    const vs = versions.filter((v) => v.org_id === w.id);
    const hit = w.before
      ? [...vs].reverse().find((v) => v.valid_from < w.on)
      : vs.find((v) => v.valid_from <= w.on && (v.valid_to === null || v.valid_to > w.on));
    const name = (hit ?? vs[vs.length - 1])?.name;
    if (name) out.set(`${w.id}|${w.on}|${w.before ? 1 : 0}`, name);
  }
  return out;
}

/** Reads of the tree, always as of a date and always through the scope predicate. */
export function organizationsQueries(db: Kysely<Database>) {
  return {
    async tree(ctx: RequestCtx, asOfIn?: string, root?: string) {
      const asOf = asOfIn ?? todayIso();
      const scope = scopeFor(db, ctx.actor);
      let prefixes = scope.selfOnly ? [] : await scope.pathsOn(asOf);
      if (root) {
        const rootPaths = await subtreePathsOn(db, [root], asOf);
        prefixes = rootPaths.filter((p) => pathWithin(p, prefixes));
      }
      const nodes = await orgRepo.treeOn(db, asOf, prefixes);
      const counts = await orgRepo.memberCountsOn(db, nodes.map((n) => n.org_id), asOf);
      return { asOf, nodes: nodes.map((n) => ({ ...toVersionOut(n), memberCount: counts.get(n.org_id) ?? 0 })) };
    },

    async detail(ctx: RequestCtx, orgId: string, asOfIn?: string) {
      const asOf = asOfIn ?? todayIso();
      const scope = scopeFor(db, ctx.actor);
      if (scope.selfOnly) throw NOT_FOUND();
      const versions = await orgRepo.history(db, orgId);
      const last = versions[versions.length - 1];
      // Visible if it lies in scope today, or lay in scope on the asked date (dissolved organizations).
      const atDate = versions.find((v) => v.valid_from <= asOf && (v.valid_to === null || v.valid_to > asOf)) ?? null;
      const visible =
        (last && pathWithin(last.path, await scope.pathsOn(last.valid_to ?? todayIso()))) ||
        (atDate && pathWithin(atDate.path, await scope.pathsOn(asOf)));
      if (!last || !visible) throw NOT_FOUND();
      const events = await orgRepo.eventsFor(db, orgId);
      const links = await orgRepo.linksFor(db, events.map((e) => e.id));
      const children = await orgRepo.childrenOn(db, orgId, asOf);
      const prefixes = atDate ? [atDate.path] : [];
      const count = await db
        .selectFrom('membership_episode as e')
        .innerJoin('organization_version as v', 'v.org_id', 'e.org_id')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('e.kind', '=', 'primary')
        .where((eb) => validOn(eb, 'e', asOf))
        .where((eb) => validOn(eb, 'v', asOf))
        .where(inSubtrees('v.path', prefixes))
        .executeTakeFirstOrThrow();
      const names = await namesAround(
        db,
        links.flatMap((l) => {
          const on = events.find((e) => e.id === l.event_id)!.effective_date;
          return [l.from_org_id ? { id: l.from_org_id, on, before: true } : null, l.to_org_id ? { id: l.to_org_id, on, before: false } : null].filter((x) => x !== null);
        }),
      );
      const committee = await db
        .selectFrom('party_post as pp')
        .innerJoin('person as p', 'p.id', 'pp.person_id')
        .select(['pp.person_id', 'p.full_name', 'pp.title', 'pp.valid_from', 'pp.term'])
        .where('pp.org_id', '=', orgId)
        .where((eb) => validOn(eb, 'pp', asOf))
        .orderBy('pp.title')
        .execute();
      const TITLE_ORDER = ['bi_thu', 'pho_bi_thu', 'uy_vien_btv', 'cap_uy_vien'];
      committee.sort((a, b) => TITLE_ORDER.indexOf(a.title) - TITLE_ORDER.indexOf(b.title));
      const viaCell = await db
        .selectFrom('host_unit_cell as c')
        .innerJoin('host_unit as h', 'h.id', 'c.host_unit_id')
        .select(['h.id', 'h.name', 'h.kind'])
        .where('c.cell_org_id', '=', orgId)
        .where((eb) => validOn(eb, 'c', asOf))
        .execute();
      const anchored = await db
        .selectFrom('host_unit as h')
        .select(['h.id', 'h.name', 'h.kind'])
        .where('h.org_id', '=', orgId)
        .where((eb) => validOn(eb, 'h', asOf))
        .orderBy('h.name')
        .limit(500)
        .execute();
      const parentNames: Record<string, string> = {};
      for (const v of versions) {
        if (!v.parent_id || parentNames[v.parent_id]) continue;
        const pv = (await orgRepo.versionOn(db, v.parent_id, v.valid_from)) ?? (await orgRepo.history(db, v.parent_id)).at(-1);
        if (pv) parentNames[v.parent_id] = pv.name;
      }
      return {
        parentNames,
        committee: committee.map((c) => ({ personId: c.person_id, fullName: c.full_name, title: c.title, since: c.valid_from, term: c.term })),
        hostUnits: [...viaCell.map((h) => ({ ...h, link: 'cell' as const })), ...anchored.map((h) => ({ ...h, link: 'commune' as const }))],
        orgId,
        code: last.code,
        current: last.valid_to === null ? toVersionOut(last) : null,
        asOf: atDate ? toVersionOut(atDate) : null,
        versions: versions.map(toVersionOut),
        events: events.map((e) => ({
          id: e.id,
          kind: e.kind as 'thanh_lap',
          effectiveDate: e.effective_date,
          decisionNo: e.decision_no,
          decisionDate: e.decision_date,
          issuer: e.issuer,
          note: e.note,
          links: links
            .filter((l) => l.event_id === e.id)
            .map((l) => ({
              fromOrgId: l.from_org_id,
              toOrgId: l.to_org_id,
              role: l.role,
              fromName: l.from_org_id ? (names.get(`${l.from_org_id}|${e.effective_date}|1`) ?? null) : null,
              toName: l.to_org_id ? (names.get(`${l.to_org_id}|${e.effective_date}|0`) ?? null) : null,
            })),
        })),
        children: children.map(toVersionOut),
        memberCount: Number(count.n),
      };
    },
  };
}

export type OrganizationsQueries = ReturnType<typeof organizationsQueries>;
