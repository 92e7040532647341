import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.js';

/**
 * Admission targets: the bound word (issue 4). "từ … trở lên" (`tu`, met at the goal) or "hơn"
 * (`hon`, met only above it). Targets recorded before this column meant "từ … trở lên", which is
 * what the achievement was computed with, so they get `tu`.
 */
export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  await db.schema
    .alterTable('admission_target')
    .addColumn('bound', 'text', (c) => c.notNull().defaultTo('tu').check(sql`bound in ('tu', 'hon')`))
    .execute();
}
