import { ageBandBirthRange, displayNameKey, foldVietnamese, type AgeBand, type MemberStatusFilter } from '@dangvu/common';
import { sql, type Expression, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Engine } from '../../db/database.js';
import type { Database, PersonTable } from '../../db/schema.js';
import { inSubtrees, validOn } from '../../db/sql.js';
import { eventPlacePredicate } from '../stats/eventPlace.js';

export interface MemberFilter {
  /** Subtrees already intersected with the caller's scope. */
  prefixes: readonly string[];
  selfPersonId?: string | null;
  q?: string;
  searchIn?: SearchField;
  status?: MemberStatusFilter;
  sex?: string;
  ethnicity?: string;
  includeNonMembers?: boolean;
  ageBand?: AgeBand;
  theory?: string;
  admittedYear?: number;
  /** Members with such an event in the window, in a cell under these prefixes on the event's day. */
  event?: { kinds: readonly string[]; from: string; to: string; prefixes: readonly string[] };
  /** The date ages are computed on. */
  asOf: string;
}

export const SEARCH_COUNT_CAP = 1000;

/** Folded words of a query, reduced to what the index stores: letters and digits. */
export function searchTokens(q: string): string[] {
  return foldVietnamese(q)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 8);
}

/**
 * Search-as-you-type served by an index on both engines (FTS5 on SQLite, trigram GIN on
 * PostgreSQL, over the same ` word word ` text): every word but the last must match a
 * whole word, the last may be a prefix of one, since the user is still typing it.
 */
export function searchPredicate(engine: Engine, tokens: readonly string[], field: SearchField = 'names'): Expression<SqlBool> {
  const column = field === 'places' ? 'search_places' : 'search_names';
  const last = tokens.length - 1;
  if (engine === 'sqlite') {
    const match = `{${column}} : (${tokens.map((t, i) => (i === last ? `"${t}"*` : `"${t}"`)).join(' ')})`;
    return sql<SqlBool>`p.rowid in (select rowid from person_fts where person_fts match ${match})`;
  }
  return sql<SqlBool>`(${sql.join(
    tokens.map((t, i) => sql`${sql.ref(`p.${column}`)} like ${i === last ? `% ${t}%` : `% ${t} %`}`),
    sql` and `,
  )})`;
}

export type SearchField = 'names' | 'places';

/** Exact-diacritic matches first, when the user typed diacritics at all. */
export function rankExpression(q: string | undefined) {
  if (!q) return null;
  const key = displayNameKey(q).replace(/[%_\\]/g, '').trim();
  if (!key || key === foldVietnamese(q)) return null;
  return sql<number>`case when p.display_key like ${`%${key}%`} then 0 else 1 end`;
}

/** Exact-diacritic matches first, then Vietnamese register order; the id keeps pages stable. */
function inNameOrder<QB extends SelectQueryBuilder<Database & { p: PersonTable }, 'p', object>>(qb: QB, q: string | undefined): QB {
  const rank = rankExpression(q);
  return (rank ? qb.orderBy(rank) : qb).orderBy('p.sort_key').orderBy('p.id') as QB;
}

const STANDING_FILTERS: Partial<Record<MemberStatusFilter, string>> = {
  dang_sinh_hoat: 'dang_sinh_hoat',
  da_chuyen_di: 'da_chuyen_di',
  xoa_ten: 'xoa_ten',
  khai_tru: 'khai_tru',
  tu_tran: 'tu_tran',
  khong_cong_nhan: 'khong_cong_nhan',
};

function currentStatus(status: MemberStatusFilter): Expression<SqlBool> {
  const standing = STANDING_FILTERS[status];
  if (standing) return sql<SqlBool>`p.standing = ${standing}`;
  if (status === 'du_bi') return sql<SqlBool>`(p.standing = 'dang_sinh_hoat' and p.official_on is null)`;
  if (status === 'chinh_thuc') return sql<SqlBool>`(p.standing = 'dang_sinh_hoat' and p.official_on is not null)`;
  return sql<SqlBool>`(p.standing = 'dang_sinh_hoat' and p.activity = ${status})`;
}

/** On a past date only what the episodes and dates tell is known: membership and grade. */
function asOfStatus(status: MemberStatusFilter, asOf: string): Expression<SqlBool> | 'unsupported' {
  if (status === 'dang_sinh_hoat') return sql<SqlBool>`1 = 1`;
  if (status === 'du_bi') return sql<SqlBool>`(p.official_on is null or p.official_on > ${asOf})`;
  if (status === 'chinh_thuc') return sql<SqlBool>`(p.official_on is not null and p.official_on <= ${asOf})`;
  return 'unsupported';
}

const summaryColumns = [
  'p.id',
  'p.full_name',
  'p.sex',
  'p.birth_date',
  'p.ethnicity',
  'p.cccd',
  'p.card_no',
  'p.org_id',
  'p.standing',
  'p.activity',
  'p.admitted_on',
  'p.official_on',
] as const;

export function membersRepository(db: Kysely<Database>, engine: Engine) {
  function common(f: MemberFilter) {
    const preds: Expression<SqlBool>[] = [];
    if (f.selfPersonId !== undefined) preds.push(f.selfPersonId ? sql<SqlBool>`p.id = ${f.selfPersonId}` : sql<SqlBool>`1 = 0`);
    const tokens = f.q ? searchTokens(f.q) : [];
    if (tokens.length) preds.push(searchPredicate(engine, tokens, f.searchIn));
    if (f.sex) preds.push(sql<SqlBool>`p.sex = ${f.sex}`);
    if (f.ethnicity) preds.push(sql<SqlBool>`p.ethnicity = ${f.ethnicity}`);
    if (f.ageBand) {
      const r = ageBandBirthRange(f.ageBand, f.asOf);
      if (r.bornAfter) preds.push(sql<SqlBool>`p.birth_date > ${r.bornAfter}`);
      if (r.bornOnOrBefore) preds.push(sql<SqlBool>`p.birth_date <= ${r.bornOnOrBefore}`);
    }
    if (f.theory) preds.push(f.theory === 'khong' ? sql<SqlBool>`p.political_theory is null` : sql<SqlBool>`p.political_theory = ${f.theory}`);
    if (f.admittedYear) preds.push(sql<SqlBool>`p.admitted_on >= ${`${f.admittedYear}-01-01`} and p.admitted_on <= ${`${f.admittedYear}-12-31`}`);
    if (f.event) preds.push(sql<SqlBool>`exists (select 1 from member_event me where me.person_id = p.id and ${eventPlacePredicate(f.event.kinds, f.event.from, f.event.to, f.event.prefixes)})`);
    return preds;
  }

  return {
    /** Today's list: the person rows carry current state and current path. */
    async listCurrent(f: MemberFilter, page: number, pageSize: number) {
      // An event filter places people by where the event happened; scope is already inside its prefixes.
      const preds = [...(f.event ? [] : [inSubtrees('p.path', f.prefixes)]), ...common(f)];
      if (f.status) preds.push(currentStatus(f.status));
      // By default the list is today's members; former members need a status, an event filter or the flag.
      else if (f.event) preds.push(sql<SqlBool>`p.standing is not null`);
      else if (!f.includeNonMembers) preds.push(sql<SqlBool>`p.standing = 'dang_sinh_hoat'`);
      const where = sql<SqlBool>`${sql.join(preds, sql` and `)}`;
      const base = db.selectFrom('person as p').where(where);
      // A search typed so far ("lò văn") can match tens of thousands: past the cap the count
      // says "more than", which is all a person refining a search needs, at a fraction of the cost.
      const searching = !!f.q && searchTokens(f.q).length > 0;
      const counted = searching
        ? db.selectFrom(base.select(sql`1`.as('one')).limit(SEARCH_COUNT_CAP + 1).as('x')).select((eb) => eb.fn.countAll<number>().as('n'))
        : base.select((eb) => eb.fn.countAll<number>().as('n'));
      const n = Number((await counted.executeTakeFirstOrThrow()).n);
      const rows = await base
        .leftJoin('organization_version as v', (j) => j.onRef('v.org_id', '=', 'p.org_id').on('v.valid_to', 'is', null))
        .select([...summaryColumns, 'v.name as org_name'])
        .$call((qb) => inNameOrder(qb, f.q))
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      const capped = searching && n > SEARCH_COUNT_CAP;
      return { total: capped ? SEARCH_COUNT_CAP : n, totalCapped: capped, rows };
    },

    /**
     * A past date: people with a primary episode valid then, in a cell whose path then lay
     * under the prefixes. Written as EXISTS so a page walks the name-order index and stops
     * after one page, and a bare count never touches the person table.
     */
    async listAsOf(f: MemberFilter, asOf: string, page: number, pageSize: number) {
      const preds = [...common(f)];
      if (f.status) {
        const s = asOfStatus(f.status, asOf);
        if (s === 'unsupported') return 'unsupported' as const;
        preds.push(s);
      }
      const placed = sql<SqlBool>`exists (select 1 from membership_episode e
        join organization_version v on v.org_id = e.org_id
        where e.person_id = p.id and e.kind = 'primary'
          and e.valid_from <= ${asOf} and (e.valid_to is null or e.valid_to > ${asOf})
          and v.valid_from <= ${asOf} and (v.valid_to is null or v.valid_to > ${asOf})
          and ${inSubtrees('v.path', f.prefixes)})`;
      const base = db.selectFrom('person as p').where(sql<SqlBool>`${sql.join([placed, ...preds], sql` and `)}`);
      let total: number;
      if (preds.length === 0) {
        const r = await db
          .selectFrom('membership_episode as e')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('e.kind', '=', 'primary')
          .where((eb) => validOn(eb, 'e', asOf))
          .where(
            'e.org_id',
            'in',
            db.selectFrom('organization_version as v').select('v.org_id').where((eb) => validOn(eb, 'v', asOf)).where(inSubtrees('v.path', f.prefixes)),
          )
          .executeTakeFirstOrThrow();
        total = Number(r.n);
      } else {
        total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      }
      const rows = await base
        .select([...summaryColumns])
        .$call((qb) => inNameOrder(qb, f.q))
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute();
      // Where each listed person was on that date, for the cell column.
      const places = rows.length
        ? await db
            .selectFrom('membership_episode as e')
            .innerJoin('organization_version as v', 'v.org_id', 'e.org_id')
            .select(['e.person_id', 'e.org_id', 'v.name'])
            .where('e.person_id', 'in', rows.map((r) => r.id))
            .where('e.kind', '=', 'primary')
            .where((eb) => validOn(eb, 'e', asOf))
            .where((eb) => validOn(eb, 'v', asOf))
            .execute()
        : [];
      const at = new Map(places.map((x) => [x.person_id, x]));
      return {
        total,
        rows: rows.map((r) => ({ ...r, org_name: at.get(r.id)?.name ?? null, episode_org_id: at.get(r.id)?.org_id ?? r.org_id })),
      };
    },

    /** Likely duplicates of one record: same CCCD, or same folded name and birth date. */
    async duplicatesOf(p: { id?: string; cccd: string | null; folded_name: string; birth_date: string }) {
      const rows = await db
        .selectFrom('person as p')
        .select(['p.id', 'p.full_name', 'p.birth_date', 'p.path', 'p.cccd'])
        .where((eb) =>
          eb.or([
            ...(p.cccd ? [eb('p.cccd', '=', p.cccd)] : []),
            eb.and([eb('p.folded_name', '=', p.folded_name), eb('p.birth_date', '=', p.birth_date)]),
          ]),
        )
        .$if(!!p.id, (qb) => qb.where('p.id', '!=', p.id!))
        .limit(20)
        .execute();
      return rows.map((r) => ({ ...r, reason: p.cccd && r.cccd === p.cccd ? ('same_cccd' as const) : ('same_name_birth' as const) }));
    },

    /** Groups of likely duplicates inside the subtrees, for the duplicates list. */
    async duplicateGroups(prefixes: readonly string[], limit: number) {
      const scoped = inSubtrees('p.path', prefixes);
      const byCccd = await db
        .selectFrom('person as p')
        .select(['p.cccd as key', (eb) => eb.fn.countAll<number>().as('n')])
        .where(scoped)
        .where('p.cccd', 'is not', null)
        .groupBy('p.cccd')
        .having((eb) => eb.fn.countAll(), '>', 1)
        .limit(limit)
        .execute();
      const byName = await db
        .selectFrom('person as p')
        .select(['p.folded_name', 'p.birth_date', (eb) => eb.fn.countAll<number>().as('n')])
        .where(scoped)
        .groupBy(['p.folded_name', 'p.birth_date'])
        .having((eb) => eb.fn.countAll(), '>', 1)
        .limit(limit)
        .execute();
      const people = async (w: Expression<SqlBool>) =>
        db.selectFrom('person as p').select(['p.id', 'p.full_name', 'p.birth_date', 'p.cccd', 'p.org_id']).where(scoped).where(w).orderBy('p.sort_key').execute();
      const groups = [];
      for (const g of byCccd) groups.push({ reason: 'same_cccd' as const, key: g.key!, people: await people(sql<SqlBool>`p.cccd = ${g.key}`) });
      for (const g of byName)
        groups.push({
          reason: 'same_name_birth' as const,
          key: `${g.folded_name}|${g.birth_date}`,
          people: await people(sql<SqlBool>`p.folded_name = ${g.folded_name} and p.birth_date = ${g.birth_date}`),
        });
      return groups;
    },
  };
}

export type MembersRepository = ReturnType<typeof membersRepository>;
