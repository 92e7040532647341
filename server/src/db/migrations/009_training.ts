import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';

/** Courses, cohorts, enrolment and results. */
export async function up(_db: Kysely<unknown>, _engine: Engine): Promise<void> {}
