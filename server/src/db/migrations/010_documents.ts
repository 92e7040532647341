import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';

/** Document register, resolution targets, study sessions. */
export async function up(_db: Kysely<unknown>, _engine: Engine): Promise<void> {}
