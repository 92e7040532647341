import { describe, expect, it } from 'vitest';
import { vietnameseSortKey } from './sortKey.js';

/** Sorts with plain code-unit comparison, as SQLite BINARY / PostgreSQL COLLATE "C" do on ASCII. */
function registerOrder(names: readonly string[]): string[] {
  return [...names].sort((a, b) => {
    const ka = vietnameseSortKey(a);
    const kb = vietnameseSortKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

function expectOrdered(names: readonly string[]): void {
  for (let i = 1; i < names.length; i++) {
    const prev = names[i - 1] ?? '';
    const next = names[i] ?? '';
    expect(vietnameseSortKey(prev) < vietnameseSortKey(next), `${prev} < ${next}`).toBe(true);
  }
  // Also check that sorting a shuffled copy restores the order.
  expect(registerOrder([...names].reverse())).toEqual(names);
}

describe('vietnameseSortKey', () => {
  it('orders by given name first', () => {
    expectOrdered(['Nguyễn Văn An', 'Trần Thị Ánh', 'Lê Văn Bình', 'Đỗ Văn Dũng', 'Phạm Thị Đào']);
  });

  it('breaks given-name ties by family, then middle names', () => {
    expectOrdered(['Lê An', 'Nguyễn An']);
    expectOrdered(['Nguyễn Thị An', 'Nguyễn Văn An', 'Trần An']);
    // A name with fewer words comes first when all words so far are equal.
    expectOrdered(['Lê An', 'Lê Văn An', 'Lê Văn Minh An']);
  });

  it('sorts a word before longer words that start with it', () => {
    expectOrdered(['Lê An', 'Lê Anh', 'Lê Ánh']);
    expectOrdered(['Trần Ma', 'Trần Mạ', 'Trần Mai']);
  });

  it('follows the Vietnamese alphabet: ă â after a, đ between d and e, ư after u', () => {
    expectOrdered(['X Anh', 'X Ăn', 'X Ân', 'X Bé']);
    expectOrdered(['X Dương', 'X Đa', 'X Đức', 'X Em']);
    // Byte order would put Đ after Z; the key must not.
    expectOrdered(['X Dũng', 'X Đào', 'X Zin']);
    expectOrdered(['X Em', 'X Êm', 'X Gia']);
    expectOrdered(['X Oanh', 'X Ôn', 'X Ơn', 'X Phương']);
    expectOrdered(['X Uyên', 'X Ưng', 'X Vân']);
    expectOrdered(['X Yến', 'X Zô']);
  });

  it('places f, j, w, z in Latin order for foreign names', () => {
    expectOrdered(['X Ê', 'X Fanny', 'X Gấm']);
    expectOrdered(['X Iris', 'X Jane', 'X Kim']);
    expectOrdered(['X Vy', 'X Walter', 'X Xuân', 'X Yên', 'X Zoe']);
  });

  it('uses tones only after all letters, in dictionary order', () => {
    expectOrdered(['X Ma', 'X Mà', 'X Mả', 'X Mã', 'X Má', 'X Mạ']);
    // Letters decide before tones, even when the tone is on an earlier word.
    expectOrdered(['Lệ An', 'Lê Anh']);
    // Same letters everywhere: the given name's tone decides first, then the family name's.
    expectOrdered(['Lê Hà', 'Lệ Hà', 'Lê Hạ']);
  });

  it('gives both tone placements the same key', () => {
    expect(vietnameseSortKey('Hòa')).toBe(vietnameseSortKey('Hoà'));
    expect(vietnameseSortKey('Nguyễn Thị Thủy')).toBe(vietnameseSortKey('Nguyễn Thị Thuỷ'));
    expect(vietnameseSortKey('Lê Văn Khỏe')).toBe(vietnameseSortKey('Lê Văn Khoẻ'));
  });

  it('ignores case, Unicode form, extra spaces and punctuation', () => {
    const key = vietnameseSortKey('Nguyễn Thị Ánh');
    expect(vietnameseSortKey('NGUYỄN THỊ ÁNH')).toBe(key);
    expect(vietnameseSortKey('Nguyễn Thị Ánh'.normalize('NFD'))).toBe(key);
    expect(vietnameseSortKey('  Nguyễn   Thị\tÁnh ')).toBe(key);
    expect(vietnameseSortKey("H'Hen Niê")).toBe(vietnameseSortKey('HHen Niê'));
    expect(vietnameseSortKey('Ðỗ Văn An')).toBe(vietnameseSortKey('Đỗ Văn An'));
  });

  it('handles ộ, whose NFD puts the dot before the circumflex', () => {
    expectOrdered(['X Oa', 'X Ộc', 'X Ơn']);
    expect(vietnameseSortKey('Bộ')).toBe(vietnameseSortKey('Bô').replace(/0$/, '5'));
  });

  it('produces ASCII-only keys', () => {
    for (const name of ['Đặng Thị Ửng', 'Giàng Páo Mỷ', 'Nguyễn Ngọc Ngạn', "Y-Moan Ênuôl", 'Müller Zoë']) {
      expect(vietnameseSortKey(name)).toMatch(/^[\x20-\x7e]+$/);
    }
  });

  it('returns an empty key for a name without letters', () => {
    expect(vietnameseSortKey('')).toBe('');
    expect(vietnameseSortKey('  - ')).toBe('');
  });

  it('sorts a realistic register', () => {
    const register = [
      'Hoàng Văn An',
      'Lý Thị An',
      'Nguyễn Văn Anh',
      'Trần Thị Ánh',
      'Bùi Văn Bắc',
      'Lò Văn Châu',
      'Đinh Thị Dung',
      'Vũ Văn Dũng',
      'Phan Thị Đào',
      'Hà Văn Đạt',
      'Mai Văn Hải',
      'Giàng A Lử',
      'Vàng Thị Mỷ',
      'Cao Văn Ơn',
      'Lương Thị Ưng',
      'Triệu Văn Vinh',
      'Đặng Thị Yến',
    ];
    expectOrdered(register);
  });
});
