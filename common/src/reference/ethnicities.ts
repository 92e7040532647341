import { foldVietnamese } from '../text/fold.js';

/**
 * The 54 recognized ethnic groups of Vietnam in the official order (the
 * General Statistics Office list), plus code 55 for citizens of foreign
 * origin. The order matters: the official statistics forms list the groups
 * in this order, so reports iterate this array as is.
 */
export const ETHNICITIES = [
  { code: '01', vi: 'Kinh', en: 'Kinh' },
  { code: '02', vi: 'Tày', en: 'Tay' },
  { code: '03', vi: 'Thái', en: 'Thai' },
  { code: '04', vi: 'Hoa', en: 'Hoa' },
  { code: '05', vi: 'Khơ-me', en: 'Khmer' },
  { code: '06', vi: 'Mường', en: 'Muong' },
  { code: '07', vi: 'Nùng', en: 'Nung' },
  { code: '08', vi: 'Hmông (Mông)', en: 'Hmong' },
  { code: '09', vi: 'Dao', en: 'Dao' },
  { code: '10', vi: 'Gia-rai', en: 'Gia Rai' },
  { code: '11', vi: 'Ngái', en: 'Ngai' },
  { code: '12', vi: 'Ê-đê', en: 'Ede' },
  { code: '13', vi: 'Ba-na', en: 'Ba Na' },
  { code: '14', vi: 'Xơ-đăng', en: 'Xo Dang' },
  { code: '15', vi: 'Sán Chay', en: 'San Chay' },
  { code: '16', vi: 'Cơ-ho', en: 'Co Ho' },
  { code: '17', vi: 'Chăm', en: 'Cham' },
  { code: '18', vi: 'Sán Dìu', en: 'San Diu' },
  { code: '19', vi: 'Hrê', en: 'Hre' },
  { code: '20', vi: 'Mnông', en: 'Mnong' },
  { code: '21', vi: 'Ra-glai', en: 'Raglai' },
  { code: '22', vi: 'Xtiêng', en: 'Xtieng' },
  { code: '23', vi: 'Bru-Vân Kiều', en: 'Bru-Van Kieu' },
  { code: '24', vi: 'Thổ', en: 'Tho' },
  { code: '25', vi: 'Giáy', en: 'Giay' },
  { code: '26', vi: 'Cơ-tu', en: 'Co Tu' },
  { code: '27', vi: 'Gié-Triêng', en: 'Gie Trieng' },
  { code: '28', vi: 'Mạ', en: 'Ma' },
  { code: '29', vi: 'Khơ-mú', en: 'Kho Mu' },
  { code: '30', vi: 'Co', en: 'Co' },
  { code: '31', vi: 'Tà-ôi', en: 'Ta Oi' },
  { code: '32', vi: 'Chơ-ro', en: 'Cho Ro' },
  { code: '33', vi: 'Kháng', en: 'Khang' },
  { code: '34', vi: 'Xinh-mun', en: 'Xinh Mun' },
  { code: '35', vi: 'Hà Nhì', en: 'Ha Nhi' },
  { code: '36', vi: 'Chu-ru', en: 'Chu Ru' },
  { code: '37', vi: 'Lào', en: 'Lao' },
  { code: '38', vi: 'La Chí', en: 'La Chi' },
  { code: '39', vi: 'La Ha', en: 'La Ha' },
  { code: '40', vi: 'Phù Lá', en: 'Phu La' },
  { code: '41', vi: 'La Hủ', en: 'La Hu' },
  { code: '42', vi: 'Lự', en: 'Lu' },
  { code: '43', vi: 'Lô Lô', en: 'Lo Lo' },
  { code: '44', vi: 'Chứt', en: 'Chut' },
  { code: '45', vi: 'Mảng', en: 'Mang' },
  { code: '46', vi: 'Pà Thẻn', en: 'Pa Then' },
  { code: '47', vi: 'Cơ Lao', en: 'Co Lao' },
  { code: '48', vi: 'Cống', en: 'Cong' },
  { code: '49', vi: 'Bố Y', en: 'Bo Y' },
  { code: '50', vi: 'Si La', en: 'Si La' },
  { code: '51', vi: 'Pu Péo', en: 'Pu Peo' },
  { code: '52', vi: 'Brâu', en: 'Brau' },
  { code: '53', vi: 'Ơ Đu', en: 'O Du' },
  { code: '54', vi: 'Rơ-măm', en: 'Ro Mam' },
  { code: '55', vi: 'Người gốc nước ngoài', en: 'Foreign origin' },
] as const satisfies readonly { code: string; vi: string; en: string }[];

export type Ethnicity = (typeof ETHNICITIES)[number];
export type EthnicityCode = Ethnicity['code'];

type CodesOf<T extends readonly { code: string }[]> = { -readonly [K in keyof T]: T[K]['code'] };

/** Codes as a literal tuple, so `z.enum(ETHNICITY_CODES)` and `EthnicityCode` stay exact. */
export const ETHNICITY_CODES = Object.freeze(
  ETHNICITIES.map((e) => e.code),
) as unknown as Readonly<CodesOf<typeof ETHNICITIES>>;

const BY_CODE: ReadonlyMap<string, Ethnicity> = new Map(ETHNICITIES.map((e) => [e.code, e]));

export function ethnicityByCode(code: string): Ethnicity | undefined {
  return BY_CODE.get(code);
}

// Imported spreadsheets spell names freely ("Khmer", "Ê Đê", "Mông", "Ede"):
// compare folded text with hyphens and spaces removed.
function lookupKey(s: string): string {
  return foldVietnamese(s).replace(/[\s\-'’]/g, '');
}

const BY_NAME: ReadonlyMap<string, EthnicityCode> = (() => {
  const map = new Map<string, EthnicityCode>();
  for (const e of ETHNICITIES) {
    // "Hmông (Mông)" is matched as "Hmông", "Mông" and the whole label.
    const variants = [e.vi, e.en, ...e.vi.split(/[()]/)];
    for (const v of variants) {
      const key = lookupKey(v);
      if (key !== '' && !map.has(key)) map.set(key, e.code);
    }
  }
  return map;
})();

/**
 * Code for a free-text ethnicity name (Vietnamese or English label, or the
 * alternative name in parentheses), accent-, case-, hyphen- and
 * space-insensitive; undefined when unknown. For importing spreadsheets;
 * forms should offer a pick list. No two groups' labels meet after folding
 * (a test guards this), so a match is never ambiguous.
 */
export function findEthnicityCode(name: string): EthnicityCode | undefined {
  return BY_NAME.get(lookupKey(name));
}
