import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';

/** Host-unit register changes, state and community posts, terms, rotation. */
export async function up(_db: Kysely<unknown>, _engine: Engine): Promise<void> {}
