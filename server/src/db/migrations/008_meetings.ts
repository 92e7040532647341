import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';

/** Monthly and thematic cell meetings: plans, attendance, minutes, scores, yearly classes. */
export async function up(_db: Kysely<unknown>, _engine: Engine): Promise<void> {}
