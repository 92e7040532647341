import { describe, expect, it } from 'vitest';
import { displayNameKey, foldVietnamese, normalizeToneMarks } from './fold.js';

describe('foldVietnamese', () => {
  it.each([
    ['Giàng Páo Mỷ', 'giang pao my'],
    ['Hoà', 'hoa'],
    ['Hòa', 'hoa'],
    ['ĐẶNG', 'dang'],
    ['Nguyễn Thị Ánh Tuyết', 'nguyen thi anh tuyet'],
    ['Ưng Hoàng Phúc', 'ung hoang phuc'],
    ['Lê Đức Thọ', 'le duc tho'],
    ['  Trần \t Văn\u00a0\n Ơn  ', 'tran van on'],
    ['H\'Hen Niê', "h'hen nie"],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(foldVietnamese(input)).toBe(expected);
  });

  it('treats composed and decomposed input alike', () => {
    const composed = 'Nguyễn Đình Hưởng'.normalize('NFC');
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(foldVietnamese(decomposed)).toBe(foldVietnamese(composed));
    expect(foldVietnamese(composed)).toBe('nguyen dinh huong');
  });

  it('maps the legacy eth (Ð, ð) to d', () => {
    expect(foldVietnamese('Ðỗ ðức')).toBe('do duc');
  });

  it('returns plain ASCII for Vietnamese letters', () => {
    const all = 'aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ';
    const folded = foldVietnamese(all + all.toUpperCase());
    expect(folded).toMatch(/^[a-z]+$/);
  });
});

describe('normalizeToneMarks', () => {
  it.each([
    ['hòa', 'hoà'],
    ['hóa', 'hoá'],
    ['hỏa', 'hoả'],
    ['hõa', 'hoã'],
    ['họa', 'hoạ'],
    ['khỏe', 'khoẻ'],
    ['xòe', 'xoè'],
    ['lóe', 'loé'],
    ['thủy', 'thuỷ'],
    ['tùy', 'tuỳ'],
    ['thúy', 'thuý'],
    ['lũy', 'luỹ'],
    ['thụy', 'thuỵ'],
  ])('%s → %s', (oldStyle, newStyle) => {
    expect(normalizeToneMarks(oldStyle)).toBe(newStyle.normalize('NFC'));
  });

  it('also moves the tone inside longer syllables, correcting misspellings', () => {
    expect(normalizeToneMarks('hòan')).toBe('hoàn');
    expect(normalizeToneMarks('Hùynh')).toBe('Huỳnh');
  });

  it('keeps upper and mixed case', () => {
    expect(normalizeToneMarks('HÒA')).toBe('HOÀ');
    expect(normalizeToneMarks('Hòa Bình')).toBe('Hoà Bình');
    expect(normalizeToneMarks('ỦY BAN')).toBe('UỶ BAN');
    expect(normalizeToneMarks('Khỏe')).toBe('Khoẻ');
    expect(normalizeToneMarks('KhỎE')).toBe('KhOẺ');
  });

  it('returns NFC, also for decomposed input', () => {
    const out = normalizeToneMarks('Thủy'.normalize('NFD'));
    expect(out).toBe('Thuỷ');
    expect(out).toBe(out.normalize('NFC'));
  });

  it('leaves the new style and unrelated words unchanged', () => {
    for (const word of [
      'hoà', 'thuỷ', 'hoàng', 'toán', 'quý', 'quỳnh', 'Huỳnh', 'của', 'mùa', 'ngoài', 'xoáy',
      'hoặc', 'thuế', 'khuyến', 'người', 'Hồ', 'Hộ', 'ông', 'ừ', 'Ô', 'hoa', 'thuy', 'mía', 'múa', 'rùa', '',
    ]) {
      expect(normalizeToneMarks(word)).toBe(word.normalize('NFC'));
    }
  });

  it('does not move a tone across a letter that has its own mark', () => {
    // ô, ơ, ư carry a mark before the tone in NFD, so they never match.
    expect(normalizeToneMarks('ồa')).toBe('ồa');
    expect(normalizeToneMarks('ộa')).toBe('ộa');
    expect(normalizeToneMarks('ừy')).toBe('ừy');
    // The following vowel already has a mark (ă, â, ê).
    expect(normalizeToneMarks('òă')).toBe('òă');
    expect(normalizeToneMarks('òê')).toBe('òê');
  });
});

describe('displayNameKey', () => {
  it('equates both tone placements and letter case', () => {
    expect(displayNameKey('Nguyễn Thị Hòa')).toBe(displayNameKey('nguyễn thị hoà'));
    expect(displayNameKey('Lê Thủy')).toBe(displayNameKey('LÊ THUỶ'));
    expect(displayNameKey('Hòa'.normalize('NFD'))).toBe(displayNameKey('Hoà'));
  });

  it('stays sensitive to diacritics', () => {
    expect(displayNameKey('Hòa')).not.toBe(displayNameKey('Hoa'));
    expect(displayNameKey('Hòa')).not.toBe(displayNameKey('Hóa'));
    expect(displayNameKey('Đào')).not.toBe(displayNameKey('Dào'));
  });

  it('collapses whitespace', () => {
    expect(displayNameKey('  Trần   Văn  Hòa ')).toBe('trần văn hoà');
  });
});
