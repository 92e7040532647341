/**
 * Vietnamese text folding for search and exact-diacritic ranking.
 *
 * Names arrive from many sources (paper backlogs typed by hand, old VNI/TCVN
 * tools converted to Unicode, phones that emit decomposed text), so the same
 * name can be spelled with different code points. Search compares folded
 * text; ranking compares `displayNameKey`, which keeps diacritics but
 * neutralises the two accepted tone-mark placements.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const WHITESPACE_RUNS = /\s+/g;

/**
 * Lowercase, accent-free, single-spaced form: "Giàng Páo Mỷ" → "giang pao my".
 *
 * Lowercasing happens on NFC text first because a few uppercase precomposed
 * letters only lowercase predictably in composed form; NFD then separates
 * every diacritic into U+0300–U+036F so one regex strips them all.
 * đ has no decomposition, so it must be mapped by hand; ð (U+00F0, the
 * Icelandic eth) is mapped too because legacy converters often produce
 * Ð/ð where Đ/đ was meant.
 */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFC')
    .toLowerCase()
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đð]/g, 'd')
    .replace(WHITESPACE_RUNS, ' ')
    .trim();
}

// Tone marks in NFD form: huyền, sắc, ngã, hỏi, nặng.
const TONE_MARKS = '\u0300\u0301\u0303\u0309\u0323';

/**
 * A tone mark sitting directly on a plain o (before a/e) or u (before y),
 * i.e. without a circumflex or horn, which in NFD would precede the tone,
 * and a following vowel that carries no mark of its own. Only these three
 * glides have two accepted placements; "ua" in "của" or "ia" in "mía" have
 * one, and "ộa" or "òă" are not glides at all, so all of them stay untouched.
 */
const OLD_STYLE_OA_OE = new RegExp(`([oO])([${TONE_MARKS}])([aAeE])(?![\\u0300-\\u036f])`, 'g');
const OLD_STYLE_UY = new RegExp(`([uU])([${TONE_MARKS}])([yY])(?![\\u0300-\\u036f])`, 'g');

/**
 * Rewrites the traditional placement ("hòa", "khỏe", "thủy") to the newer one
 * ("hoà", "khoẻ", "thuỷ"), keeping case and returning NFC.
 *
 * Both placements are correct Vietnamese and both appear in official
 * documents (the province is "Hòa Bình", many people write "Hoà"), so
 * neither can be treated as a typo; picking one canonical form lets
 * exact-diacritic comparison treat them as equal. Within a word o+a, o+e and
 * u+y are always a glide plus main vowel (qu-, where u is part of the
 * consonant, already carries the tone on the following vowel), so moving
 * the mark is safe even for misspellings such as "hòan", which it corrects.
 */
export function normalizeToneMarks(s: string): string {
  return s
    .normalize('NFD')
    .replace(OLD_STYLE_OA_OE, '$1$3$2')
    .replace(OLD_STYLE_UY, '$1$3$2')
    .normalize('NFC');
}

/**
 * Key for "same name, same diacritics" comparisons: case- and
 * tone-placement-insensitive but accent-sensitive, so "Hòa" equals "hoà" and
 * differs from "Hoa". Whitespace is collapsed for the same reason as in
 * `foldVietnamese`: stray double spaces are data-entry noise, not meaning.
 */
export function displayNameKey(s: string): string {
  return normalizeToneMarks(s.normalize('NFC').toLowerCase()).replace(WHITESPACE_RUNS, ' ').trim();
}
