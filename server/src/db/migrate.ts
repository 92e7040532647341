import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database.js';
import * as m001 from './migrations/001_init.js';
import * as m002 from './migrations/002_host_units_and_posts.js';
import * as m003 from './migrations/003_admissions.js';
import * as m004 from './migrations/004_transfers.js';
import * as m005 from './migrations/005_cadres.js';
import * as m006 from './migrations/006_inspections.js';
import * as m007 from './migrations/007_ratings.js';
import * as m008 from './migrations/008_meetings.js';
import * as m009 from './migrations/009_training.js';
import * as m010 from './migrations/010_documents.js';
import * as m011 from './migrations/011_awards.js';
import * as m012 from './migrations/012_cell_tally.js';
import * as m013 from './migrations/013_org_guard.js';
import * as m014 from './migrations/014_admission_target_bound.js';
import * as m015 from './migrations/015_rating_tally.js';
import * as m016 from './migrations/016_report_indexes.js';
import * as m017 from './migrations/017_root_tally.js';
import * as m018 from './migrations/018_event_tally.js';
import * as m019 from './migrations/019_rated_root_tally.js';

const ALL: Record<string, { up: typeof m001.up }> = {
  '001_init': m001,
  '002_host_units_and_posts': m002,
  '003_admissions': m003,
  '004_transfers': m004,
  '005_cadres': m005,
  '006_inspections': m006,
  '007_ratings': m007,
  '008_meetings': m008,
  '009_training': m009,
  '010_documents': m010,
  '011_awards': m011,
  '012_cell_tally': m012,
  '013_org_guard': m013,
  '014_admission_target_bound': m014,
  '015_rating_tally': m015,
  '016_report_indexes': m016,
  '017_root_tally': m017,
  '018_event_tally': m018,
  '019_rated_root_tally': m019,
};

/** Migrations are code, not files on disk, so the built server needs nothing beside dist/. */
class CodeMigrationProvider implements MigrationProvider {
  constructor(private readonly db: Db) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, mod] of Object.entries(ALL)) {
      out[name] = { up: (k) => mod.up(k, this.db.engine) };
    }
    return out;
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db: db.kysely, provider: new CodeMigrationProvider(db) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
