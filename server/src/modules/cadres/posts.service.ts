import {
  checkAppointment,
  checkPostEnd,
  checkTerm,
  combosOf,
  CONCURRENCY_COMBOS,
  POST_RULES,
  postCategoryOf,
  termReminders,
  todayIso,
  VILLAGE_HEAD_TITLES,
  type AppointIn,
  type CreateTermIn,
  type EndPostIn,
  type ExistingPost,
  type PostCategory,
  type PostTitle,
  type UpdateTermIn,
} from '@dangvu/common';
import type { Selectable } from 'kysely';
import type { PartyPostTable } from '../../db/schema.js';
import { validOn } from '../../db/sql.js';
import { writeAudit } from '../../platform/audit.js';
import type { RequestCtx } from '../../platform/context.js';
import { unprocessable } from '../../platform/errors.js';
import { nowIso, uuidv7 } from '../../platform/ids.js';
import { pathWithin } from '../../platform/scope.js';
import { orgRepo } from '../organizations/organizations.repository.js';
import { holderOn, notFoundIn, orgForWrite, orgPathsOn, personForWrite, refuse, staleVersion, who, writablePaths, type Q, type Trx } from './cadres.shared.js';
import { resolveSubtree } from '../organizations/subtree.js';
import type { CommitteeTermTable } from './cadres.tables.js';

type PostRow = Selectable<PartyPostTable>;
type TermRow = Selectable<CommitteeTermTable>;
export type PostTableName = 'party_post' | 'civic_post';

/** Party posts are the committee (party_post); state and community posts live in civic_post. */
export const tableOf = (title: PostTitle): PostTableName => (POST_RULES[title].category === 'dang' ? 'party_post' : 'civic_post');
// civic_post has every column of party_post (and a category), so one typed code path serves both.
const T = (t: PostTableName) => t as 'party_post';
const POST_TABLES: readonly PostTableName[] = ['party_post', 'civic_post'];

export interface PreparedAppointment {
  table: PostTableName;
  row: Omit<PostRow, 'version'> & { version: number };
  category: PostCategory;
  orgPath: string;
  replacePostId: string | null;
}

const termOut = (t: TermRow, orgName: string) => ({
  id: t.id,
  orgId: t.org_id,
  orgName,
  name: t.name,
  congress: t.congress,
  startDate: t.start_date,
  plannedEndDate: t.planned_end_date,
  endDate: t.end_date,
  decisionNo: t.decision_no,
  decisionDate: t.decision_date,
  issuer: t.issuer,
  version: Number(t.version),
});

/** Committee terms, posts of every kind, and the figures built on them (concurrency, village heads). */
export function postsService(db: Q) {
  async function postForWrite(q: Q, ctx: RequestCtx, id: string) {
    for (const table of POST_TABLES) {
      const post = await q.selectFrom(T(table)).selectAll().where('id', '=', id).executeTakeFirst();
      if (!post) continue;
      const org = (await orgRepo.current(q, post.org_id)) ?? (await orgRepo.history(q, post.org_id)).at(-1);
      if (!org || !pathWithin(org.path, await writablePaths(q, ctx))) break;
      return { post, path: org.path, table };
    }
    throw notFoundIn('chức vụ này');
  }

  async function termForWrite(q: Q, ctx: RequestCtx, id: string) {
    const term = await q.selectFrom('committee_term').selectAll().where('id', '=', id).executeTakeFirst();
    if (!term) throw notFoundIn('nhiệm kỳ này');
    const org = (await orgRepo.current(q, term.org_id)) ?? (await orgRepo.history(q, term.org_id)).at(-1);
    if (!org || !pathWithin(org.path, await writablePaths(q, ctx))) throw notFoundIn('nhiệm kỳ này');
    return { term, path: org.path, orgName: org.name };
  }

  /** Every check of an appointment, before any write; `ended` are posts the same change ends first. */
  async function prepareAppointment(ctx: RequestCtx, a: AppointIn, ended: { id: string; on: string }[] = []): Promise<PreparedAppointment> {
    const today = todayIso();
    const title = a.title as PostTitle;
    const rule = POST_RULES[title];
    if (a.validFrom > today) throw unprocessable('DATE_IN_FUTURE', 'Ngày bắt đầu giữ chức vụ không được sau hôm nay.', 'validFrom');
    const org = await orgForWrite(db, ctx, a.orgId, a.validFrom, 'orgId');
    const person = await personForWrite(db, ctx, a.personId);
    let hostUnit: { kind: string; alive: boolean } | null = null;
    if (a.hostUnitId) {
      const u = await db.selectFrom('host_unit').selectAll().where('id', '=', a.hostUnitId).executeTakeFirst();
      if (!u) throw unprocessable('UNIT_NOT_FOUND', 'Không tìm thấy thôn, bản, đơn vị này.', 'hostUnitId');
      const v = await db.selectFrom('host_unit_version as v').select('v.org_id').where('v.host_unit_id', '=', u.id).where((eb) => validOn(eb, 'v', a.validFrom)).executeTakeFirst();
      const anchorThen = v?.org_id ?? u.org_id;
      if (anchorThen !== a.orgId && u.org_id !== a.orgId)
        throw unprocessable('UNIT_OF_OTHER_ORG', 'Đơn vị này không thuộc tổ chức đã chọn; hãy chọn đúng xã, phường của đơn vị.', 'hostUnitId');
      hostUnit = { kind: u.kind, alive: u.valid_from <= a.validFrom && (u.valid_to === null || u.valid_to > a.validFrom) };
    }
    let term: TermRow | undefined;
    if (a.termId) {
      term = await db.selectFrom('committee_term').selectAll().where('id', '=', a.termId).executeTakeFirst();
      if (!term || term.org_id !== a.orgId) throw unprocessable('TERM_NOT_FOUND', 'Nhiệm kỳ không thuộc tổ chức đã chọn.', 'termId');
    } else if (rule.category === 'dang') {
      // A party post belongs to the term running on its first day, when one is recorded.
      term = await db
        .selectFrom('committee_term')
        .selectAll()
        .where('org_id', '=', a.orgId)
        .where('start_date', '<=', a.validFrom)
        .where((eb) => eb.or([eb('end_date', 'is', null), eb('end_date', '>', a.validFrom)]))
        .executeTakeFirst();
    }
    const rows = await db
      .selectFrom(`${T(tableOf(title))} as pp`)
      .innerJoin('person as p', 'p.id', 'pp.person_id')
      .select(['pp.id', 'pp.person_id', 'p.full_name', 'pp.title', 'pp.org_id', 'pp.host_unit_id', 'pp.valid_from', 'pp.valid_to'])
      .where('pp.title', '=', title)
      .where((eb) => eb.or([eb('pp.org_id', '=', a.orgId), eb('pp.person_id', '=', a.personId), ...(a.hostUnitId ? [eb('pp.host_unit_id', '=', a.hostUnitId)] : [])]))
      .execute();
    const endedOn = new Map(ended.map((e) => [e.id, e.on]));
    const posts: ExistingPost[] = rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      personName: r.full_name,
      title: r.title as PostTitle,
      orgId: r.org_id,
      hostUnitId: r.host_unit_id,
      from: r.valid_from,
      to: endedOn.get(r.id) ?? r.valid_to,
    }));
    refuse(
      checkAppointment(
        { personId: a.personId, title, orgId: a.orgId, hostUnitId: a.hostUnitId ?? null, from: a.validFrom, to: null, replacePostId: a.replacePostId ?? null },
        { today, holder: await holderOn(db, person.id, a.validFrom), hostUnit, term: term ? { from: term.start_date, to: term.end_date } : null, posts },
      ),
    );
    return {
      table: tableOf(title),
      category: postCategoryOf(title),
      orgPath: org.path,
      replacePostId: a.replacePostId ?? null,
      row: {
        id: uuidv7(),
        org_id: a.orgId,
        person_id: a.personId,
        title,
        term: term ? term.name.replace(/^Nhiệm kỳ\s*/, '') : null,
        term_id: term?.id ?? null,
        host_unit_id: a.hostUnitId ?? null,
        decision_no: a.decisionNo ?? null,
        decision_date: a.decisionDate ?? null,
        issuer: a.issuer ?? null,
        valid_from: a.validFrom,
        valid_to: null,
        end_decision_no: null,
        end_reason: null,
        rotation_id: null,
        note: a.note ?? null,
        version: 1,
      },
    };
  }

  async function writeAppointment(trx: Trx, p: PreparedAppointment) {
    if (p.replacePostId) {
      const r = await trx
        .updateTable(T(p.table))
        .set((eb) => ({ valid_to: p.row.valid_from, end_reason: 'Bàn giao cho người kế nhiệm', version: eb('version', '+', 1) }))
        .where('id', '=', p.replacePostId)
        .where('valid_to', 'is', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw staleVersion();
    }
    if (p.table === 'civic_post') await trx.insertInto('civic_post').values({ ...p.row, category: p.category }).execute();
    else await trx.insertInto('party_post').values(p.row).execute();
  }

  /** Ends a post inside a transaction; refused if someone changed it meanwhile. */
  async function endPostIn(trx: Trx, table: PostTableName, post: PostRow, to: string, version: number, bits: { decisionNo?: string | null; reason?: string | null }) {
    const r = await trx
      .updateTable(T(table))
      .set({ valid_to: to, end_decision_no: bits.decisionNo ?? null, end_reason: bits.reason ?? null, version: version + 1 })
      .where('id', '=', post.id)
      .where('version', '=', version)
      .where('valid_to', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw staleVersion();
  }

  /** Posts (party and civic) valid on a date whose organization lies in the subtrees, with names for display. */
  async function postsOn(asOf: string, prefixes: readonly string[], filter: { titles?: readonly string[]; category?: string; person?: string } = {}) {
    const rows = [];
    for (const table of POST_TABLES) {
      if (filter.category && (filter.category === 'dang') !== (table === 'party_post')) continue;
      let q = db
        .selectFrom(`${T(table)} as pp`)
        .innerJoin('person as p', 'p.id', 'pp.person_id')
        .leftJoin('host_unit as h', 'h.id', 'pp.host_unit_id')
        .select([
          'pp.id',
          'pp.org_id',
          'pp.person_id',
          'pp.title',
          'pp.term',
          'pp.term_id',
          'pp.host_unit_id',
          'pp.decision_no',
          'pp.decision_date',
          'pp.valid_from',
          'pp.valid_to',
          'pp.version',
          'p.full_name',
          'h.name as host_unit_name',
        ])
        .where((eb) => validOn(eb, 'pp', asOf));
      if (filter.titles) q = q.where('pp.title', 'in', [...filter.titles]);
      if (filter.person) q = q.where('pp.person_id', '=', filter.person);
      rows.push(...(await q.orderBy('pp.org_id').orderBy('pp.id').execute()));
    }
    const orgs = await orgPathsOn(db, rows.map((r) => r.org_id), asOf);
    return rows
      .filter((r) => {
        const o = orgs.get(r.org_id);
        return o && pathWithin(o.path, prefixes) && (!filter.category || postCategoryOf(r.title as PostTitle) === filter.category);
      })
      .map((r) => ({
        id: r.id,
        orgId: r.org_id,
        orgName: orgs.get(r.org_id)!.name,
        orgKind: orgs.get(r.org_id)!.kind,
        personId: r.person_id,
        fullName: r.full_name,
        title: r.title as PostTitle,
        category: postCategoryOf(r.title as PostTitle),
        term: r.term,
        termId: r.term_id,
        hostUnitId: r.host_unit_id,
        hostUnitName: r.host_unit_name,
        decisionNo: r.decision_no,
        decisionDate: r.decision_date,
        validFrom: r.valid_from,
        validTo: r.valid_to,
        version: Number(r.version),
      }));
  }

  /** People with a primary membership on the date: members active then. */
  async function activeMembersOn(personIds: readonly string[], asOf: string) {
    const out = new Set<string>();
    const ids = [...new Set(personIds)];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('membership_episode as e')
        .select('e.person_id')
        .where('e.person_id', 'in', ids.slice(i, i + 500))
        .where('e.kind', '=', 'primary')
        .where((eb) => validOn(eb, 'e', asOf))
        .execute();
      rows.forEach((r) => out.add(r.person_id));
    }
    return out;
  }

  async function termsIn(prefixes: readonly string[], asOf: string, orgFilter?: string) {
    let q = db.selectFrom('committee_term').selectAll();
    if (orgFilter) q = q.where('org_id', '=', orgFilter);
    const terms = await q.orderBy('org_id').orderBy('start_date').execute();
    const orgs = await orgPathsOn(db, terms.map((t) => t.org_id), asOf);
    // Terms of organizations that no longer exist on the date are history, not reminders.
    return terms.filter((t) => orgs.get(t.org_id)?.valid && pathWithin(orgs.get(t.org_id)!.path, prefixes)).map((t) => termOut(t, orgs.get(t.org_id)!.name));
  }

  return {
    prepareAppointment,
    writeAppointment,
    endPostIn,
    postForWrite,

    async listTerms(ctx: RequestCtx, org: string | undefined, asOfIn: string | undefined) {
      const asOf = asOfIn ?? todayIso();
      const { prefixes } = await resolveSubtree(db, ctx, org, asOf);
      return { asOf, items: await termsIn(prefixes, asOf) };
    },

    async reminders(ctx: RequestCtx, org: string | undefined, months: number) {
      const today = todayIso();
      const { prefixes } = await resolveSubtree(db, ctx, org, today);
      const r = termReminders(await termsIn(prefixes, today), today, months);
      return { asOf: today, months, total: r.length, items: r.map((x) => ({ ...x.term, reminder: x.reminder })) };
    },

    async createTerm(ctx: RequestCtx, input: CreateTermIn) {
      const org = await orgForWrite(db, ctx, input.orgId, input.startDate, 'orgId');
      const others = await db.selectFrom('committee_term').selectAll().where('org_id', '=', input.orgId).execute();
      refuse(
        checkTerm(
          { startDate: input.startDate, plannedEndDate: input.plannedEndDate, endDate: null },
          others.map((o) => ({ id: o.id, orgId: o.org_id, startDate: o.start_date, plannedEndDate: o.planned_end_date, endDate: o.end_date })),
          todayIso(),
        ),
      );
      return db.transaction().execute(async (trx) => {
        const row: TermRow = {
          id: uuidv7(),
          org_id: input.orgId,
          name: input.name,
          congress: input.congress ?? null,
          start_date: input.startDate,
          planned_end_date: input.plannedEndDate,
          end_date: null,
          decision_no: input.decisionNo ?? null,
          decision_date: input.decisionDate ?? null,
          issuer: input.issuer ?? null,
          version: 1,
          created_at: nowIso(),
        };
        await trx.insertInto('committee_term').values(row).execute();
        await writeAudit(trx, who(ctx), { action: 'create', entity: 'committee_term', entityId: row.id, path: org.path, after: row });
        return termOut(row, org.then.name);
      });
    },

    async updateTerm(ctx: RequestCtx, id: string, input: UpdateTermIn) {
      const { term, path, orgName } = await termForWrite(db, ctx, id);
      if (term.version !== input.version) throw staleVersion();
      const next = {
        ...term,
        name: input.name ?? term.name,
        congress: input.congress === undefined ? term.congress : input.congress,
        planned_end_date: input.plannedEndDate ?? term.planned_end_date,
        end_date: input.endDate === undefined ? term.end_date : input.endDate,
      };
      const others = await db.selectFrom('committee_term').selectAll().where('org_id', '=', term.org_id).execute();
      refuse(
        checkTerm(
          { id, startDate: next.start_date, plannedEndDate: next.planned_end_date, endDate: next.end_date },
          others.map((o) => ({ id: o.id, orgId: o.org_id, startDate: o.start_date, plannedEndDate: o.planned_end_date, endDate: o.end_date })),
          todayIso(),
        ),
      );
      if (term.end_date !== null && next.end_date !== term.end_date) throw unprocessable('TERM_ENDED', 'Nhiệm kỳ đã kết thúc; không sửa ngày kết thúc.', 'endDate');
      const closing = next.end_date !== null && term.end_date === null;
      if (closing) {
        const late = await db.selectFrom('party_post').select('id').where('term_id', '=', id).where('valid_to', 'is', null).where('valid_from', '>=', next.end_date!).executeTakeFirst();
        if (late) throw unprocessable('POST_AFTER_TERM_END', 'Có chức vụ của nhiệm kỳ bắt đầu từ ngày kết thúc trở về sau; hãy kiểm tra ngày kết thúc.', 'endDate');
      }
      return db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('committee_term')
          .set({ name: next.name, congress: next.congress, planned_end_date: next.planned_end_date, end_date: next.end_date, version: term.version + 1 })
          .where('id', '=', id)
          .where('version', '=', input.version)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw staleVersion();
        // A term that ends takes the posts still held in it along.
        if (closing)
          await trx
            .updateTable('party_post')
            .set((eb) => ({ valid_to: next.end_date, end_reason: 'Hết nhiệm kỳ', version: eb('version', '+', 1) }))
            .where('term_id', '=', id)
            .where('valid_to', 'is', null)
            .execute();
        const after = await trx.selectFrom('committee_term').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        await writeAudit(trx, who(ctx), { action: closing ? 'ket_thuc_nhiem_ky' : 'update', entity: 'committee_term', entityId: id, path, before: term, after });
        return termOut(after, orgName);
      });
    },

    async listPosts(ctx: RequestCtx, q: { org?: string; asOf?: string; category?: string; title?: string; person?: string }) {
      const asOf = q.asOf ?? todayIso();
      const { prefixes } = await resolveSubtree(db, ctx, q.org, asOf);
      const items = await postsOn(asOf, prefixes, { category: q.category, titles: q.title ? [q.title] : undefined, person: q.person });
      const members = await activeMembersOn(items.map((i) => i.personId), asOf);
      return { asOf, total: items.length, items: items.map((i) => ({ ...i, isMember: members.has(i.personId) })) };
    },

    async appoint(ctx: RequestCtx, input: AppointIn) {
      const p = await prepareAppointment(ctx, input);
      await db.transaction().execute(async (trx) => {
        await writeAppointment(trx, p);
        const after = await trx.selectFrom(T(p.table)).selectAll().where('id', '=', p.row.id).executeTakeFirstOrThrow();
        await writeAudit(trx, who(ctx), { action: 'bo_nhiem', entity: p.table, entityId: p.row.id, path: p.orgPath, after: { ...after, replacedPostId: p.replacePostId } });
      });
      return { id: p.row.id, version: 1 };
    },

    async endPost(ctx: RequestCtx, id: string, input: EndPostIn) {
      const { post, path, table } = await postForWrite(db, ctx, id);
      if (post.version !== input.version) throw staleVersion();
      refuse(checkPostEnd({ from: post.valid_from, to: post.valid_to }, input.validTo, todayIso()));
      return db.transaction().execute(async (trx) => {
        await endPostIn(trx, table, post, input.validTo, input.version, input);
        const after = await trx.selectFrom(T(table)).selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        await writeAudit(trx, who(ctx), { action: 'thoi_chuc_vu', entity: table, entityId: id, path, before: post, after });
        return { id, version: Number(after.version) };
      });
    },

    /** People holding more than one post on a date, and the named combinations among them. */
    async concurrency(ctx: RequestCtx, org: string | undefined, asOfIn: string | undefined) {
      const asOf = asOfIn ?? todayIso();
      const { prefixes } = await resolveSubtree(db, ctx, org, asOf);
      const posts = await postsOn(asOf, prefixes);
      const byPerson = new Map<string, typeof posts>();
      for (const p of posts) byPerson.set(p.personId, [...(byPerson.get(p.personId) ?? []), p]);
      const multi = [...byPerson.entries()].filter(([, ps]) => ps.length > 1);
      const members = await activeMembersOn(multi.map(([id]) => id), asOf);
      const people = multi
        .map(([personId, ps]) => ({
          personId,
          fullName: ps[0]!.fullName,
          isMember: members.has(personId),
          combos: combosOf(ps.map((p) => ({ title: p.title, orgId: p.orgId, orgKind: p.orgKind }))),
          posts: ps.map((p) => ({ id: p.id, title: p.title, orgId: p.orgId, orgName: p.orgName, hostUnitName: p.hostUnitName, validFrom: p.validFrom })),
        }))
        .sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'));
      const combos = Object.fromEntries(CONCURRENCY_COMBOS.map((c) => [c, people.filter((p) => p.combos.includes(c)).length]));
      return { asOf, total: people.length, combos, people };
    },

    /** "X/Y trưởng thôn, bản, tổ dân phố là đảng viên": heads in post on the date, and those who were members then. */
    async villageHeads(ctx: RequestCtx, org: string | undefined, asOfIn: string | undefined) {
      const asOf = asOfIn ?? todayIso();
      const { prefixes } = await resolveSubtree(db, ctx, org, asOf);
      const posts = await postsOn(asOf, prefixes, { titles: VILLAGE_HEAD_TITLES });
      const members = await activeMembersOn(posts.map((p) => p.personId), asOf);
      const items = posts.map((p) => ({ ...p, isMember: members.has(p.personId) })).sort((a, b) => a.orgName.localeCompare(b.orgName, 'vi') || (a.hostUnitName ?? '').localeCompare(b.hostUnitName ?? '', 'vi'));
      return { asOf, total: items.length, members: items.filter((i) => i.isMember).length, items };
    },
  };
}

export type PostsService = ReturnType<typeof postsService>;
