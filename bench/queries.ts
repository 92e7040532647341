import { foldVietnamese } from '@dangvu/common';
import { sql } from 'kysely';
import type { Db } from '../server/src/db/database.js';

/**
 * Realistic search input drawn from the generated names, five ways a user types a name:
 * folded in full ("giang a pao"), family and given only ("giang pao"), with diacritics
 * ("Giàng A Páo"), given name first with a prefix of the family name ("pao gia"),
 * and family plus middle name only ("Lò Văn", a broad one).
 */
export async function searchQueries(db: Db, n: number): Promise<string[]> {
  const names = await sql<{ full_name: string }>`select full_name from person where standing = 'dang_sinh_hoat' and rowid % 997 = 0 order by rowid limit ${Math.ceil(n / 5)}`.execute(db.kysely);
  const out: string[] = [];
  for (const { full_name } of names.rows) {
    const words = full_name.split(' ');
    const family = words[0]!;
    const given = words[words.length - 1]!;
    const folded = (s: string) => foldVietnamese(s);
    out.push(folded(full_name));
    out.push(folded(`${family} ${given}`));
    out.push(full_name);
    out.push(`${folded(given)} ${folded(family).slice(0, 3)}`);
    out.push(words.slice(0, 2).join(' '));
  }
  return out.slice(0, n);
}
