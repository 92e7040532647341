import { sql } from 'kysely';

/** 'chinh_thuc' or 'du_bi' for the person row `p` on a date: full membership counts from its decision date. */
export const gradeOn = (asOf: string) =>
  sql<string>`case when p.official_on is not null and p.official_on <= ${asOf} then 'chinh_thuc' else 'du_bi' end`;

/** Rolls grouped count rows up along one dimension; a null key becomes `nullKey`. */
export function sumBy<R extends { n: number | string | bigint }>(rows: readonly R[], key: (r: R) => string | null, nullKey: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    const k = key(r) ?? nullKey;
    out[k] = (out[k] ?? 0) + Number(r.n);
  }
  return out;
}
