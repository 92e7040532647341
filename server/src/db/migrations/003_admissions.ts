import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';

/** Admission pipeline: candidates, their documents and steps, probation, targets. */
export async function up(_db: Kysely<unknown>, _engine: Engine): Promise<void> {}
