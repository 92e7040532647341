import type { Kysely } from 'kysely';
import type { Engine } from '../database.js';

/** Transfers (chuyển sinh hoạt đảng) and their approval chain. */
export async function up(_db: Kysely<unknown>, _engine: Engine): Promise<void> {}
