import { mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { foldMemberEvents, isCellKind, todayIso } from '@dangvu/common';
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

      expect(people.length).toBe(MEMBERS + Math.round(MEMBERS * 0.02));
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
      expect(members).toBe(MEMBERS);
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
