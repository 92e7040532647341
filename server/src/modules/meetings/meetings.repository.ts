import {
  isCellKind,
  meetingRollupRulesOn,
  meetingScoreRulesOn,
  MEETING_ROLLUP_RULE_SETS,
  MEETING_SCORE_RULE_SETS,
  type Existence,
  type MeetingRollupRuleSet,
  type MeetingScoreRuleSet,
} from '@dangvu/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { inSubtrees, minimalPrefixes, validOn } from '../../db/sql.js';
import type { RequestCtx } from '../../platform/context.js';
import { idsOfPath, scopeFor, subtreePathsOn } from '../../platform/scope.js';

/** Kysely queries of the meetings module; every function takes the connection or transaction to use. */
type Q = Kysely<Database>;

export interface OrgOn {
  id: string;
  name: string;
  kind: string;
  path: string;
}

/** An organization as it stood on a date (names and paths change with restructurings). */
export async function orgOn(q: Q, orgId: string, on: string): Promise<OrgOn | null> {
  const v = await q
    .selectFrom('organization_version as v')
    .select(['v.org_id as id', 'v.name', 'v.kind', 'v.path'])
    .where('v.org_id', '=', orgId)
    .where((eb) => validOn(eb, 'v', on))
    .executeTakeFirst();
  return v ?? null;
}

/** Names of organizations: the version on `on` when there is one, else the latest. */
export async function orgNames(q: Q, ids: readonly string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (!wanted.length) return new Map();
  const rows = await q.selectFrom('organization_version').select(['org_id', 'name', 'valid_from']).where('org_id', 'in', wanted).orderBy('valid_from').execute();
  return new Map(rows.map((r) => [r.org_id, r.name]));
}

/** Existence periods of cells from all their versions, merged where they touch. */
export async function existenceOf(q: Q, orgIds: readonly string[]): Promise<Map<string, Existence[]>> {
  const out = new Map<string, Existence[]>();
  if (!orgIds.length) return out;
  for (let i = 0; i < orgIds.length; i += 500) {
    const rows = await q
      .selectFrom('organization_version')
      .select(['org_id', 'valid_from', 'valid_to'])
      .where('org_id', 'in', orgIds.slice(i, i + 500))
      .orderBy('org_id')
      .orderBy('valid_from')
      .execute();
    for (const r of rows) {
      const list = out.get(r.org_id) ?? [];
      const last = list[list.length - 1];
      if (last && last.to === r.valid_from) last.to = r.valid_to;
      else list.push({ from: r.valid_from, to: r.valid_to });
      out.set(r.org_id, list);
    }
  }
  return out;
}

/** The caller's scope prefixes on a date, narrowed to an organization's subtree when one is asked for. */
export async function subtreePrefixes(q: Q, ctx: RequestCtx, on: string, orgId?: string): Promise<string[]> {
  const scope = scopeFor(q, ctx.actor);
  if (scope.selfOnly) return [];
  const mine = await scope.pathsOn(on);
  if (!orgId) return mine;
  const theirs = await subtreePathsOn(q, [orgId], on);
  // Intersection of two prefix sets: the longer of each overlapping pair.
  const out: string[] = [];
  for (const a of theirs) for (const b of mine) if (a.startsWith(b)) out.push(a);
    else if (b.startsWith(a)) out.push(b);
  return minimalPrefixes(out);
}

/** Cells lying in the prefixes on a date, in name order. */
export async function cellsOn(q: Q, prefixes: readonly string[], on: string): Promise<(OrgOn & { parentId: string | null })[]> {
  if (!prefixes.length) return [];
  const rows = await q
    .selectFrom('organization_version as v')
    .select(['v.org_id as id', 'v.name', 'v.kind', 'v.path', 'v.parent_id as parentId'])
    .where((eb) => validOn(eb, 'v', on))
    .where('v.kind', 'in', ['chi_bo_co_so', 'chi_bo_truc_thuoc'])
    .where(inSubtrees('v.path', prefixes))
    .orderBy('v.folded_name')
    .execute();
  return rows.filter((r) => isCellKind(r.kind));
}

export interface RosterEntry {
  personId: string;
  fullName: string;
  birthDate: string;
  sortKey: string;
  exempt: boolean;
  /** primary, or secondary (temporarily attached from another cell). */
  episode: string;
}

/**
 * Members of a cell on a date: its membership episodes valid then (primary and secondary), each
 * marked exempt when the member's latest exemption event on or before the date started one.
 */
export async function rosterOn(q: Q, orgId: string, on: string): Promise<RosterEntry[]> {
  const rows = await q
    .selectFrom('membership_episode as e')
    .innerJoin('person as p', 'p.id', 'e.person_id')
    .select(['p.id', 'p.full_name', 'p.birth_date', 'p.sort_key', 'e.kind'])
    .where('e.org_id', '=', orgId)
    .where((eb) => validOn(eb, 'e', on))
    .orderBy('p.sort_key')
    .orderBy('p.id')
    .execute();
  const ids = [...new Set(rows.map((r) => r.id))];
  const exempt = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const events = await q
      .selectFrom('member_event')
      .select(['person_id', 'kind'])
      .where('person_id', 'in', ids.slice(i, i + 500))
      .where('kind', 'in', ['mien_sinh_hoat', 'het_mien_sinh_hoat'])
      .where('effective_date', '<=', on)
      .orderBy('person_id')
      .orderBy('effective_date')
      .orderBy('seq')
      .execute();
    const last = new Map<string, string>();
    for (const e of events) last.set(e.person_id, e.kind);
    for (const [p, k] of last) if (k === 'mien_sinh_hoat') exempt.add(p);
  }
  const seen = new Set<string>();
  return rows
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .map((r) => ({ personId: r.id, fullName: r.full_name, birthDate: r.birth_date, sortKey: r.sort_key, exempt: exempt.has(r.id), episode: r.kind }));
}

export interface RulesInForce {
  score: MeetingScoreRuleSet;
  rollup: MeetingRollupRuleSet;
  /** The organization whose choice applies, null for the defaults. */
  chosenBy: string | null;
}

/** The rule sets for a cell on a date: the deepest organization on its path with a choice then, else the defaults of that date. */
export async function rulesFor(q: Q, path: string, on: string): Promise<RulesInForce> {
  const ids = idsOfPath(path);
  const choices = await q
    .selectFrom('meeting_rule_choice')
    .select(['org_id', 'valid_from', 'score_rules', 'rollup_rules', 'id'])
    .where('org_id', 'in', ids)
    .where('valid_from', '<=', on)
    .orderBy('valid_from', 'desc')
    .orderBy('id', 'desc')
    .execute();
  let best: (typeof choices)[number] | undefined;
  for (const c of choices) if (!best || ids.indexOf(c.org_id) > ids.indexOf(best.org_id)) best = c;
  if (!best) return { score: meetingScoreRulesOn(on), rollup: meetingRollupRulesOn(on), chosenBy: null };
  return { score: MEETING_SCORE_RULE_SETS[best.score_rules] ?? meetingScoreRulesOn(on), rollup: MEETING_ROLLUP_RULE_SETS[best.rollup_rules] ?? meetingRollupRulesOn(on), chosenBy: best.org_id };
}
