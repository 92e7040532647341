import type { Db } from '../db/database.js';

/** `report <type> --org ID (--as-of DATE | --from DATE --to DATE) --format …` and `report --list`. Returns the exit code. */
export async function runReportCommand(_db: Db, _positional: string[], _flags: Record<string, string | true>): Promise<number> {
  console.error('Chưa có loại báo cáo nào.');
  return 2;
}
