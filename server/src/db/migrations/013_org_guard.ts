import { sql, type Kysely } from 'kysely';
import type { Engine } from '../database.js';

/**
 * Restructuring concurrency guard (issue 4), and the purpose of temporary transfers.
 *
 * - At most one open version per organization. Restructurings close the open version with
 *   `where valid_to is null` and answer 409 when another change got there first; this index
 *   makes the same promise to anything that writes versions another way.
 * - Open transfers are looked up by every organization on their route when a restructuring
 *   ends one (transfers.orgEnded.ts): the sending and receiving cells have indexes, the
 *   approving committees get theirs.
 * - `transfer.purpose`: why a member goes away temporarily (cong_tac, hoc_tap); null for the
 *   permanent kinds and for temporary transfers recorded before it was asked.
 */
export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  await sql`create unique index organization_version_one_open on organization_version (org_id) where valid_to is null`.execute(db);
  await db.schema.createIndex('transfer_base').on('transfer').columns(['base_org_id', 'state']).execute();
  await db.schema.createIndex('transfer_upper').on('transfer').columns(['upper_org_id', 'state']).execute();
  await db.schema.alterTable('transfer').addColumn('purpose', 'text').execute();
}
