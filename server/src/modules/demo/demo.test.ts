import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { foldMemberEvents, isCellKind, todayIso } from '@dangvu/common';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import type { OrgVersionRow } from '../../db/schema.js';
import { statsFor } from '../stats/stats.service.js';
import { generateDemo, type DemoResult } from './generate.js';
import { RESTRUCTURE_DATE } from './layout.js';
import { toLedger } from './people.js';

/** A fresh database and how to drop it; SQLite here, any engine's URL works. */
export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function sqliteTestDatabase(label: string): Promise<TestDatabase> {
  const dir = resolve(process.cwd(), '.tmp', 'test-db');
  mkdirSync(dir, { recursive: true });
  const file = resolve(dir, `${label}-${process.pid}-${Math.random().toString(36).slice(2, 8)}.sqlite`);
  return { url: file, drop: async () => ['', '-wal', '-shm'].forEach((s) => rmSync(file + s, { force: true })) };
}

/** A fresh PostgreSQL database on the server the suites use (see test/globalSetup.ts). */
export async function postgresTestDatabase(label: string): Promise<TestDatabase> {
  const admin = inject('pgAdminUrl')!;
  const name = `dangvu_t_${label.replace(/\W/g, '_')}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const run = async (q: string) => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

const SEED = 42;
const MEMBERS = Number(process.env.DEMO_TEST_MEMBERS ?? 2000);
const PAST = '2020-12-31';

async function generated(target: TestDatabase): Promise<{ db: Db; result: DemoResult }> {
  const db = openDatabase(target.url);
  await migrateToLatest(db);
  const result = await generateDemo(db, { seed: SEED, members: MEMBERS });
  return { db, result };
}

function groupBy<T, K>(items: readonly T[], key: (t: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = out.get(k);
    if (list) list.push(t);
    else out.set(k, [t]);
  }
  return out;
}

const validOn = (v: { valid_from: string; valid_to: string | null }, d: string) => v.valid_from <= d && (v.valid_to === null || v.valid_to > d);

export function demoSuite(name: string, makeDatabase: (label: string) => Promise<TestDatabase>, skip = false) {
  describe.skipIf(skip)(name, () => {
    const today = todayIso();
    let first: TestDatabase;
    let second: TestDatabase;
    let db: Db;
    let result: DemoResult;
    let versions: OrgVersionRow[];

    beforeAll(async () => {
      first = await makeDatabase('demo_a');
      second = await makeDatabase('demo_b');
      ({ db, result } = await generated(first));
      versions = await db.kysely.selectFrom('organization_version').selectAll().orderBy('org_id').orderBy('valid_from').execute();
    });
    afterAll(async () => {
      await db?.close();
      await first?.drop();
      await second?.drop();
    });

    it('derives every person’s stored state and episodes from their stored events by the ledger fold', async () => {
      const people = await db.kysely.selectFrom('person').selectAll().execute();
      const events = await db.kysely.selectFrom('member_event').selectAll().orderBy('person_id').orderBy('effective_date').orderBy('seq').execute();
      const episodes = await db.kysely.selectFrom('membership_episode').selectAll().execute();
      const links = await db.kysely.selectFrom('org_event_link').selectAll().where('role', '=', 'merged_into').execute();
      const mergedInto = new Map(links.map((l) => [l.from_org_id!, l.to_org_id!]));
      const byPerson = groupBy(events, (e) => e.person_id);
      const episodesOf = groupBy(episodes, (e) => e.person_id);
      const current = new Map(versions.filter((v) => v.valid_to === null).map((v) => [v.org_id, v]));

      // Candidates are people too; those already admitted (probationers, full members) are also members.
      const candidates = await db.kysely.selectFrom('admission_candidate as c').innerJoin('person as sp', 'sp.id', 'c.person_id').select(['sp.standing']).execute();
      expect(people.length).toBe(MEMBERS + Math.round(MEMBERS * 0.02) + candidates.length);
      let members = 0;
      for (const p of people) {
        const evs = byPerson.get(p.id) ?? [];
        const eps = episodesOf.get(p.id) ?? [];
        if (p.standing === null) {
          expect(evs).toHaveLength(0);
          expect(eps).toHaveLength(0);
          continue;
        }
        members++;
        expect(evs.map((e) => e.seq)).toEqual(evs.map((_, i) => i + 1));
        const folded = foldMemberEvents(evs.map(toLedger));
        if (!folded.ok) throw new Error(`${p.full_name}: ${folded.violation.message}`);
        const s = folded.state;
        expect({ standing: p.standing, activity: p.activity, admitted: p.admitted_on, official: p.official_on }).toEqual({
          standing: s.standing,
          activity: s.activity,
          admitted: s.admittedOn,
          official: s.officialOn,
        });
        // Records of people who left stay with their cell, and follow it when it is merged (as the merge service does).
        let org = s.orgId!;
        if (p.standing !== 'dang_sinh_hoat') while (mergedInto.has(org) && p.org_id !== org) org = mergedInto.get(org)!;
        expect(p.org_id).toBe(org);
        const stored = eps.map((e) => [e.cause_event_id, e.end_event_id, e.org_id, e.kind, e.valid_from, e.valid_to]).sort();
        const derived = s.episodes.map((e) => [e.causeEventId, e.endEventId, e.orgId, e.kind, e.validFrom, e.validTo]).sort();
        expect(stored).toEqual(derived);
        const openPrimary = eps.filter((e) => e.valid_to === null && e.kind === 'primary');
        if (p.standing === 'dang_sinh_hoat') {
          expect(openPrimary).toHaveLength(1);
          const cell = current.get(p.org_id);
          expect(cell && isCellKind(cell.kind)).toBe(true);
          expect(p.path).toBe(cell!.path);
        } else expect(eps.filter((e) => e.valid_to === null)).toHaveLength(0);
      }
      expect(members).toBe(MEMBERS + candidates.filter((c) => c.standing !== null).length);
    });

    it('records on every member event the cell where it happened, as appendMemberEvents does', async () => {
      const events = await db.kysely.selectFrom('member_event').selectAll().orderBy('person_id').orderBy('effective_date').orderBy('seq').execute();
      const wrong: string[] = [];
      let checked = 0;
      for (const [, evs] of groupBy(events, (e) => e.person_id)) {
        const ledger = evs.map(toLedger);
        for (let i = 0; i < evs.length; i++) {
          const e = evs[i]!;
          // A temporary transfer keeps its destination (or none); it does not move the member.
          if (e.kind === 'tam_chuyen_di') continue;
          const folded = foldMemberEvents(ledger.slice(0, i + 1));
          const at = folded.ok ? folded.state.orgId : undefined;
          checked++;
          if (e.org_id !== at) wrong.push(`${e.kind} ${e.effective_date}: ${e.org_id} ≠ ${at}`);
        }
      }
      expect(checked).toBeGreaterThan(MEMBERS);
      expect(wrong.slice(0, 5)).toEqual([]);
    });

    it('links host units to their commune today and only to cells open over the link', async () => {
      const units = await db.kysely.selectFrom('host_unit').selectAll().execute();
      const links = await db.kysely.selectFrom('host_unit_cell').selectAll().execute();
      const history = groupBy(versions, (v) => v.org_id);
      const unitById = new Map(units.map((u) => [u.id, u]));
      for (const u of units) {
        const anchor = history.get(u.org_id)!.at(-1)!;
        expect(anchor.valid_to, u.name).toBeNull();
        expect(anchor.host_type).toBe('xa_phuong');
        if (today >= RESTRUCTURE_DATE) expect(anchor.kind).toBe('dang_uy_xa');
        expect(Object.keys(JSON.parse(u.flags!) as object).sort()).toEqual(['bien_gioi', 'dbkk', 'dtts']);
      }
      for (const l of links) {
        const h = history.get(l.cell_org_id)!;
        const u = unitById.get(l.host_unit_id)!;
        const end = l.valid_to ?? '9999-12-31';
        const over = h.filter((v) => v.valid_from < end && (v.valid_to === null || v.valid_to > l.valid_from));
        // Versions are contiguous, so covering the ends covers the interval.
        expect(h[0]!.valid_from <= l.valid_from, u.name).toBe(true);
        expect(h.at(-1)!.valid_to === null || (l.valid_to !== null && l.valid_to <= h.at(-1)!.valid_to!), u.name).toBe(true);
        expect(over.every((v) => isCellKind(v.kind))).toBe(true);
        expect(u.valid_from <= l.valid_from && (u.valid_to === null || (l.valid_to !== null && l.valid_to <= u.valid_to))).toBe(true);
      }
    });

    it('gives posts to members active in the organization on the first day, one secretary at a time, ending with the organization', async () => {
      const posts = await db.kysely.selectFrom('party_post').selectAll().orderBy('org_id').orderBy('valid_from').execute();
      const episodes = await db.kysely.selectFrom('membership_episode').selectAll().where('kind', '=', 'primary').execute();
      const episodesOf = groupBy(episodes, (e) => e.person_id);
      const history = groupBy(versions, (v) => v.org_id);
      const versionOn = (orgId: string, d: string) => history.get(orgId)?.find((v) => validOn(v, d));
      const bad: string[] = [];
      for (const p of posts) {
        const inside = (episodesOf.get(p.person_id) ?? []).some((e) => validOn(e, p.valid_from) && versionOn(e.org_id, p.valid_from)?.path.includes(`/${p.org_id}/`));
        if (!inside) bad.push(`${p.title} ${p.org_id} ${p.valid_from}`);
        const last = history.get(p.org_id)!.at(-1)!;
        if (last.valid_to !== null && (p.valid_to === null || p.valid_to > last.valid_to)) bad.push(`${p.title} ${p.org_id} outlives its organization`);
        if (p.valid_to !== null && p.valid_to <= p.valid_from) bad.push(`${p.title} ${p.org_id} empty`);
      }
      expect(bad.slice(0, 5)).toEqual([]);
      for (const [orgId, list] of groupBy(posts, (p) => p.org_id)) {
        const secretaries = list.filter((p) => p.title === 'bi_thu');
        for (let i = 1; i < secretaries.length; i++) expect(secretaries[i - 1]!.valid_to !== null && secretaries[i - 1]!.valid_to! <= secretaries[i]!.valid_from, orgId).toBe(true);
      }
      expect(new Set(posts.map((p) => p.title))).toEqual(new Set(['bi_thu', 'pho_bi_thu', 'uy_vien_btv', 'cap_uy_vien']));
      expect(new Set(posts.map((p) => p.term))).toEqual(new Set(['2020–2025', '2025–2030']));

      // Today: a secretary in every cell that has someone to hold it, and a committee in every commune.
      const held = new Set(posts.filter((p) => p.title === 'bi_thu' && validOn(p, today)).map((p) => p.org_id));
      const able = await db.kysely
        .selectFrom('person')
        .select('org_id')
        .distinct()
        .where('standing', '=', 'dang_sinh_hoat')
        .where('activity', '=', 'binh_thuong')
        .where('official_on', 'is not', null)
        .execute();
      expect(able.filter((r) => !held.has(r.org_id!)).map((r) => r.org_id)).toEqual([]);
      const committees = groupBy(
        posts.filter((p) => validOn(p, today)),
        (p) => p.org_id,
      );
      for (const c of versions.filter((v) => v.valid_to === null && v.kind === 'dang_uy_xa')) {
        const seats = committees.get(c.org_id) ?? [];
        expect(seats.filter((p) => p.title === 'bi_thu'), c.name).toHaveLength(1);
        expect(seats.length, c.name).toBeGreaterThanOrEqual(5);
        expect(seats.length, c.name).toBeLessThanOrEqual(15);
        expect(new Set(seats.map((p) => p.person_id)).size).toBe(seats.length);
      }
    });

    it('plants coverage gaps today: villages with no cell, villages sharing a cell, cells with no member', async () => {
      const units = (await db.kysely.selectFrom('host_unit').selectAll().where('kind', 'in', ['thon_ban', 'to_dan_pho']).execute()).filter((u) => validOn(u, today));
      const links = (await db.kysely.selectFrom('host_unit_cell').selectAll().execute()).filter((l) => validOn(l, today));
      const linkOf = new Map(links.map((l) => [l.host_unit_id, l.cell_org_id]));
      const perCell = groupBy(
        units.filter((u) => linkOf.has(u.id)),
        (u) => linkOf.get(u.id)!,
      );
      const members = await db.kysely
        .selectFrom('membership_episode')
        .select('org_id')
        .distinct()
        .where('kind', '=', 'primary')
        .where('valid_to', 'is', null)
        .execute();
      const manned = new Set(members.map((m) => m.org_id));
      const noCell = units.filter((u) => !linkOf.has(u.id)).length;
      const shared = [...perCell.values()].filter((list) => list.length > 1).reduce((n, list) => n + list.length, 0);
      const empty = [...perCell.keys()].filter((cell) => !manned.has(cell)).length;
      expect(noCell).toBeGreaterThan(0);
      expect(noCell).toBeLessThan(units.length * 0.1);
      expect(shared).toBeGreaterThan(0);
      expect(shared).toBeLessThan(units.length * 0.1);
      expect(empty).toBeGreaterThan(0);
    });

    it('keeps each organization’s versions disjoint and its paths on its parent chain', () => {
      for (const [, history] of groupBy(versions, (v) => v.org_id)) {
        for (let i = 0; i < history.length; i++) {
          const v = history[i]!;
          if (v.valid_to !== null) expect(v.valid_to > v.valid_from).toBe(true);
          const next = history[i + 1];
          if (next) expect(v.valid_to !== null && v.valid_to <= next.valid_from).toBe(true);
        }
      }
      for (const d of [PAST, today]) {
        const on = new Map(versions.filter((v) => validOn(v, d)).map((v) => [v.org_id, v]));
        expect(on.size).toBeGreaterThan(100);
        for (const v of on.values()) {
          if (v.parent_id === null) {
            expect(v.path).toBe(`/${v.org_id}/`);
            expect(v.depth).toBe(0);
          } else {
            const parent = on.get(v.parent_id);
            expect(parent, `parent of ${v.name} on ${d}`).toBeDefined();
            expect(v.path).toBe(`${parent!.path}${v.org_id}/`);
            expect(v.depth).toBe(parent!.depth + 1);
          }
        }
      }
    });

    it('records every organization change as an event with lineage links', async () => {
      const events = await db.kysely.selectFrom('org_event').selectAll().execute();
      const links = await db.kysely.selectFrom('org_event_link').selectAll().execute();
      const linksOf = groupBy(links, (l) => l.event_id);
      for (const e of events) expect(linksOf.get(e.id)?.length, `${e.kind} ${e.decision_no}`).toBeGreaterThan(0);
      const versionEvents = new Set(versions.map((v) => v.event_id));
      // Every change but a dissolution or a merge into an existing organization opens versions.
      for (const e of events) if (e.kind !== 'giai_the' && e.kind !== 'sap_nhap') expect(versionEvents.has(e.id), `${e.kind} ${e.decision_no}`).toBe(true);
      expect(new Set(events.map((e) => e.kind))).toEqual(new Set(['thanh_lap', 'doi_ten', 'chuyen_giao', 'sap_nhap', 'giai_the']));
    });

    it.skipIf(today < RESTRUCTURE_DATE)('carries the 2025 restructuring: no district level, fewer and larger communes', () => {
      const kindsOn = (d: string) => versions.filter((v) => validOn(v, d)).map((v) => v.kind);
      expect(kindsOn('2025-06-30')).toContain('dang_bo_huyen');
      expect(kindsOn(RESTRUCTURE_DATE)).not.toContain('dang_bo_huyen');
      expect(kindsOn(today)).not.toContain('dang_bo_huyen');
      const communesOn = (d: string) => versions.filter((v) => validOn(v, d) && v.host_type === 'xa_phuong').length;
      expect(communesOn(PAST)).toBeGreaterThan(communesOn(today));
      expect(result.communeIds).toHaveLength(communesOn(today));
      expect(result.provinceRootIds).toHaveLength(1);
    });

    it('counts the same members through the statistics service as the person rows say', async () => {
      const root = result.provinceRootIds[0]!;
      const active = await db.kysely.selectFrom('person').select((eb) => eb.fn.countAll<number>().as('n')).where('standing', '=', 'dang_sinh_hoat').executeTakeFirstOrThrow();
      const stats = await statsFor(db.kysely, root, today, null);
      expect(stats.members.total).toBe(Number(active.n));
      const past = await statsFor(db.kysely, root, PAST, null);
      expect(past.members.total).toBeGreaterThan(MEMBERS * 0.5);
    });

    it('sends to training as members only people who were members on the day sent', async () => {
      const rows = await db.kysely
        .selectFrom('training_enrolment as te')
        .select([
          'te.id',
          'te.was_member',
          sql<number>`case when exists (select 1 from membership_episode m where m.person_id = te.person_id and m.kind = 'primary' and m.valid_from <= te.sent_on and (m.valid_to is null or m.valid_to > te.sent_on)) then 1 else 0 end`.as('member'),
        ])
        .execute();
      expect(rows.filter((r) => Number(r.was_member) === 1).length).toBeGreaterThan(0);
      const wrong = rows.filter((r) => Number(r.was_member) === 1 && Number(r.member) === 0);
      expect(wrong.length, 'marked as members though not members on the day sent').toBe(0);
    });

    it('plants a few duplicates and CCCD slips for the data-quality lists', async () => {
      const sameCccd = await db.kysely.selectFrom('person').select('cccd').groupBy('cccd').having((eb) => eb.fn.countAll(), '>', 1).execute();
      const twins = await db.kysely.selectFrom('person').select(['folded_name', 'birth_date']).groupBy(['folded_name', 'birth_date']).having((eb) => eb.fn.countAll(), '>', 1).execute();
      expect(sameCccd.length).toBeGreaterThan(0);
      expect(twins.length).toBeGreaterThan(0);
      expect(sameCccd.length + twins.length).toBeLessThan(MEMBERS * 0.01);
    });

    it('gives identical rows for the same seed', async () => {
      const again = await generated(second);
      try {
        const rows = (d: Db) => d.kysely.selectFrom('person').selectAll().orderBy('id').execute();
        const count = async (d: Db) => (await d.kysely.selectFrom('member_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
        expect(await rows(again.db)).toEqual(await rows(db));
        for (const table of ['host_unit', 'host_unit_cell', 'party_post'] as const) {
          const all = (d: Db) => d.kysely.selectFrom(table).selectAll().orderBy('id').execute();
          expect(await all(again.db)).toEqual(await all(db));
        }
        expect(Number(await count(again.db))).toBe(Number(await count(db)));
        expect(again.result).toEqual(result);
      } finally {
        await again.db.close();
      }
    });
  });
}

demoSuite('demo generator [sqlite]', sqliteTestDatabase);
demoSuite('demo generator [postgres]', postgresTestDatabase, !inject('pgAdminUrl'));
