/**
 * Sort keys that make a plain binary comparison (SQLite BINARY, PostgreSQL
 * COLLATE "C", JavaScript `<` on strings) follow Vietnamese register order.
 *
 * Database collations cannot be trusted for this: SQLite has none for
 * Vietnamese, PostgreSQL's ICU/libc collations differ between hosts, and
 * code-point order puts "Đ" after "Z" and "Ă" far from "A". A precomputed
 * ASCII key compares the same everywhere and can be indexed.
 *
 * Key layout:
 *   <given name letters> "," <other words' letters, each followed by "."> "!" <one tone digit per word>
 * Letters are two-character codes from ALPHABET so that the order of the
 * codes is the Vietnamese alphabet order. The separators sort below every
 * letter code ("!" < "," < "." < "0"), so a shorter word sorts before a
 * longer one that starts with it ("An" < "Anh") and tones only break ties
 * once every letter is equal ("Mạ" < "Mai").
 */

/**
 * Digits first (rare, but they occur in imported foreign names and
 * placeholders), then the Vietnamese alphabet with f j w z slotted into
 * Latin order for foreign names.
 */
const ALPHABET = [
  '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
  'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm',
  'n', 'o', 'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z',
] as const;

// Codes "10".."52": fixed width keeps comparison aligned letter by letter.
const LETTER_CODE: ReadonlyMap<string, string> = new Map(
  ALPHABET.map((letter, i) => [letter, String(10 + i)]),
);

const GIVEN_END = ',';
const WORD_END = '.';
const TONES_START = '!';

/** Dictionary tone order: ngang, huyền, hỏi, ngã, sắc, nặng. */
const TONE_DIGIT: ReadonlyMap<string, string> = new Map([
  ['\u0300', '1'], // huyền
  ['\u0309', '2'], // hỏi
  ['\u0303', '3'], // ngã
  ['\u0301', '4'], // sắc
  ['\u0323', '5'], // nặng
]);

/** Marks that turn a base letter into a distinct letter of the alphabet. */
const LETTER_MODIFIERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '\u0306': { a: 'ă' }, // breve
  '\u0302': { a: 'â', e: 'ê', o: 'ô' }, // circumflex
  '\u031b': { o: 'ơ', u: 'ư' }, // horn
};

type EncodedWord = { letters: string; tone: string };

function encodeWord(word: string): EncodedWord | null {
  const letters: string[] = [];
  let tone = '0';
  let toneSeen = false;
  // NFD may put the nặng dot before the circumflex ("ộ" = o + U+0323 + U+0302),
  // so a modifier always applies to the last base letter, wherever it sits.
  for (const ch of word.normalize('NFD')) {
    const modifier = LETTER_MODIFIERS[ch];
    if (modifier) {
      const last = letters[letters.length - 1];
      const modified = last === undefined ? undefined : modifier[last];
      if (modified !== undefined) letters[letters.length - 1] = modified;
      continue;
    }
    const toneDigit = TONE_DIGIT.get(ch);
    if (toneDigit !== undefined) {
      // A Vietnamese syllable has one tone; for foreign words the first mark wins.
      if (!toneSeen) {
        tone = toneDigit;
        toneSeen = true;
      }
      continue;
    }
    // Legacy converters sometimes emit the Icelandic eth for đ.
    const base = ch === 'ð' ? 'đ' : ch;
    // Hyphens, apostrophes (Ê-đê names like "H'Hen") and other marks are ignored.
    if (LETTER_CODE.has(base)) letters.push(base);
  }
  if (letters.length === 0) return null;
  return { letters: letters.map((l) => LETTER_CODE.get(l) ?? '').join(''), tone };
}

/**
 * Register-order key for a full name written family → middle → given.
 * Sorts by given name (last word), then family and middle names in order,
 * letters first and tones last. Case-insensitive; ASCII only.
 * Returns "" for a name with no letters, which sorts first.
 */
export function vietnameseSortKey(fullName: string): string {
  const words = fullName
    .normalize('NFC')
    .toLowerCase()
    .split(/\s+/)
    .map(encodeWord)
    .filter((w): w is EncodedWord => w !== null);
  const given = words.pop();
  if (given === undefined) return '';
  const rest = words;
  return (
    given.letters +
    GIVEN_END +
    rest.map((w) => w.letters + WORD_END).join('') +
    TONES_START +
    given.tone +
    rest.map((w) => w.tone).join('')
  );
}
