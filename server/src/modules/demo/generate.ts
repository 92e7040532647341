import { todayIso } from '@dangvu/common';
import type { Db } from '../../db/database.js';
import { IdentifierPool } from './attributes.js';
import { playHistory } from './history.js';
import { ProvinceBuild, buildInitialTree, type ProvinceSpec } from './layout.js';
import { PeopleGen, type PersonRows } from './people.js';
import { PROVINCES } from './places.js';
import { buildPosts } from './posts.js';
import { IdGen, Rng } from './prng.js';
import { planHostUnits } from './units.js';
import { insertRows } from '../../db/insertRows.js';
import { seedAdmissions } from './workflows/admissions.js';
import { seedCadres } from './workflows/cadres.js';
import { seedTransfers } from './workflows/transfers.js';
import { seedInspections } from './workflows/inspections.js';
import { seedRatings } from './workflows/ratings.js';
import { seedMeetings } from './workflows/meetings.js';
import { seedTraining } from './workflows/training.js';
import { seedDocuments } from './workflows/documents.js';
import { seedAwards } from './workflows/awards.js';
import { refreshEventTallies } from '../reports/eventTally/build.js';
import { refreshCellTallies } from '../reports/cellTally/refresh.js';

/**
 * Demo data: one province like Lai Châu (default 30,000 members), or for more than
 * 500,000 members the 34 provinces of today at their rough relative sizes. History
 * runs from the province's founding in 2004 to today, through the 2025 restructuring.
 * Deterministic for a seed: two runs give identical rows, ids and timestamps included.
 */

export interface DemoOptions {
  seed: number;
  members: number;
  onProgress?: (done: number, total: number, phase: string) => void;
  /**
   * 'all' (default): every workflow's records. 'official': only what the official statistics
   * read (discipline, theory training, ratings from `firstYear`), for the national benchmark,
   * whose every record would take most of a day to generate on two cores.
   */
  records?: 'all' | 'official';
  /** The first year of yearly records such as ratings; unset, each seeder's own history. */
  firstYear?: number;
}

export interface DemoResult {
  provinceRootIds: string[];
  communeIds: string[];
}

const NATIONAL_ABOVE = 500_000;
/** The seeders whose records the official statistics read: discipline, political theory, ratings. */
const OFFICIAL = new Set([seedInspections, seedRatings, seedTraining]);
/** Persons per write transaction. */
const BATCH = 2_000;
export const NON_MEMBER_SHARE = 0.02;

export function planProvinces(members: number, today: string): ProvinceSpec[] {
  const laiChau = PROVINCES.findIndex((p) => p.name === 'Lai Châu');
  if (members <= NATIONAL_ABOVE) return [{ ...PROVINCES[laiChau]!, index: 0, members, today }];
  const total = PROVINCES.reduce((s, p) => s + p.weight, 0);
  const specs = PROVINCES.map((p, index) => ({ ...p, index, members: Math.max(100, Math.round((members * p.weight) / total)), today }));
  const diff = members - specs.reduce((s, p) => s + p.members, 0);
  specs[0]!.members += diff;
  return specs;
}

export async function generateDemo(db: Db, opts: DemoOptions): Promise<DemoResult> {
  const today = todayIso();
  const specs = planProvinces(opts.members, today);
  const ids = new IdGen(opts.seed);
  const pool = new IdentifierPool(new Rng(opts.seed, 7));
  const nonMembersOf = (m: number) => Math.round(m * NON_MEMBER_SHARE);
  const total = specs.reduce((s, p) => s + p.members + nonMembersOf(p.members), 0);
  let done = 0;
  const progress = (phase: string) => opts.onProgress?.(done, total, phase);
  const result: DemoResult = { provinceRootIds: [], communeIds: [] };

  for (const spec of specs) {
    const label = specs.length > 1 ? `${spec.name}: ` : '';
    progress(`${label}tổ chức đảng`);
    const rng = new Rng(opts.seed, 1_000 + spec.index);
    const b = new ProvinceBuild(spec, rng.fork(1), ids);
    buildInitialTree(b);
    playHistory(b);
    // Before the members: it marks the few cells that are to lose all theirs.
    const hostUnits = planHostUnits(b, rng.fork(3), ids);
    await db.kysely.transaction().execute(async (trx) => {
      await insertRows(trx, 'organization', b.model.organizations);
      await insertRows(trx, 'org_event', b.model.events);
      await insertRows(trx, 'organization_version', b.model.versions);
      await insertRows(trx, 'org_event_link', b.model.links);
      await insertRows(trx, 'host_unit', hostUnits.units);
      await insertRows(trx, 'host_unit_cell', hostUnits.links);
    });
    result.provinceRootIds.push(b.rootId);
    for (const c of b.communes) if (b.model.current(c.id)) result.communeIds.push(c.id);

    const people = new PeopleGen(b, rng.fork(2), ids, pool);
    const nonMembers = nonMembersOf(spec.members);
    const count = spec.members + nonMembers;
    // Non-members are spread through the batches rather than appended, like real registers.
    const every = nonMembers ? count / nonMembers : Infinity;
    let nextNon = every / 2;
    // One batch is written while the next is generated: the database works on its own core.
    let writing: Promise<void> | null = null;
    for (let i = 0; i < count; i += BATCH) {
      const batch: PersonRows[] = [];
      for (let j = i; j < Math.min(count, i + BATCH); j++) {
        if (j >= nextNon) {
          batch.push(people.nonMember());
          nextNon += every;
        } else batch.push(people.member());
      }
      await writing;
      writing = db.kysely.transaction().execute(async (trx) => {
        await insertRows(trx, 'person', batch.map((r) => r.person));
        await insertRows(trx, 'member_event', batch.flatMap((r) => r.events));
        await insertRows(trx, 'membership_episode', batch.flatMap((r) => r.episodes));
      });
      done += batch.length;
      progress(`${label}đảng viên`);
    }
    await writing;
    progress(`${label}cấp ủy`);
    const posts = buildPosts(b, people.timeline, rng.fork(4), ids);
    await db.kysely.transaction().execute((trx) => insertRows(trx, 'party_post', posts));
    progress(`${label}hồ sơ công việc`);
    // Separate streams, so one seeder drawing more numbers never changes another's data.
    // Inspections before ratings (discipline caps a rating), ratings before awards (giấy khen follow ratings).
    const seeders = [seedCadres, seedAdmissions, seedTransfers, seedInspections, seedRatings, seedMeetings, seedTraining, seedDocuments, seedAwards];
    for (const [i, seed] of seeders.entries()) {
      if (opts.records === 'official' && !OFFICIAL.has(seed)) continue;
      await seed({ db, rng: rng.fork(10 + i), ids, today, rootId: b.rootId, firstYear: opts.firstYear });
    }
  }
  // The report tallies of every cell, so the first report does not build them.
  progress('tổng hợp báo cáo');
  await refreshCellTallies(db.kysely);
  await refreshEventTallies(db.kysely);
  return result;
}
