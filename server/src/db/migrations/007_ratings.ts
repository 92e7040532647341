import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';

/** Annual quality ratings of members, organizations and leaders; ratings of non-party bodies. */
export async function up(_db: Kysely<unknown>, _engine: Engine): Promise<void> {}
