import type { Db } from '../../../db/database.js';
import type { IdGen, Rng } from '../prng.js';

/**
 * The workflow data of one province (candidates, transfers, posts, host units…), seeded
 * after its organizations, members and committees are written. Seeders read what is
 * already in the database (always in a stable order) so the demo stays deterministic for a seed.
 */
export interface WorkflowSeedCtx {
  db: Db;
  rng: Rng;
  ids: IdGen;
  /** The generator's "today": nothing is dated after it. */
  today: string;
  /** The province organization. */
  rootId: string;
  /** The first year of yearly records (ratings); unset, each seeder's own history. */
  firstYear?: number;
}
export type WorkflowSeeder = (ctx: WorkflowSeedCtx) => Promise<void>;
