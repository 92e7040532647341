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
      return {
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
          links: links.filter((l) => l.event_id === e.id).map((l) => ({ fromOrgId: l.from_org_id, toOrgId: l.to_org_id, role: l.role })),
        })),
        children: children.map(toVersionOut),
        memberCount: Number(count.n),
      };
    },
  };
}

export type OrganizationsQueries = ReturnType<typeof organizationsQueries>;
