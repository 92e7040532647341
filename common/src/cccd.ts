/**
 * Citizen ID (căn cước công dân, CCCD) checks.
 *
 * The number is not random: digits 1–3 name the province where the birth was
 * registered, digit 4 encodes sex and century, digits 5–6 the last two digits
 * of the birth year (số định danh cá nhân, Nghị định 137/2015/NĐ-CP), the
 * rest is a serial. A CCCD that contradicts the record's sex or birth year is almost
 * always a typing error, one of the most common kinds of dirty data reported
 * by the provinces, so the check compares against the person when given.
 */

import { todayIso } from './dates.js';

/**
 * Province codes in use before the July 2025 merger. Numbers already issued
 * keep the code of the old province, so this list stays valid for checking
 * even though the provinces themselves were merged.
 */
export const CCCD_PROVINCE_CODES: Readonly<Record<string, string>> = Object.freeze({
  '001': 'Hà Nội',
  '002': 'Hà Giang',
  '004': 'Cao Bằng',
  '006': 'Bắc Kạn',
  '008': 'Tuyên Quang',
  '010': 'Lào Cai',
  '011': 'Điện Biên',
  '012': 'Lai Châu',
  '014': 'Sơn La',
  '015': 'Yên Bái',
  '017': 'Hòa Bình',
  '019': 'Thái Nguyên',
  '020': 'Lạng Sơn',
  '022': 'Quảng Ninh',
  '024': 'Bắc Giang',
  '025': 'Phú Thọ',
  '026': 'Vĩnh Phúc',
  '027': 'Bắc Ninh',
  '030': 'Hải Dương',
  '031': 'Hải Phòng',
  '033': 'Hưng Yên',
  '034': 'Thái Bình',
  '035': 'Hà Nam',
  '036': 'Nam Định',
  '037': 'Ninh Bình',
  '038': 'Thanh Hóa',
  '040': 'Nghệ An',
  '042': 'Hà Tĩnh',
  '044': 'Quảng Bình',
  '045': 'Quảng Trị',
  '046': 'Thừa Thiên Huế',
  '048': 'Đà Nẵng',
  '049': 'Quảng Nam',
  '051': 'Quảng Ngãi',
  '052': 'Bình Định',
  '054': 'Phú Yên',
  '056': 'Khánh Hòa',
  '058': 'Ninh Thuận',
  '060': 'Bình Thuận',
  '062': 'Kon Tum',
  '064': 'Gia Lai',
  '066': 'Đắk Lắk',
  '067': 'Đắk Nông',
  '068': 'Lâm Đồng',
  '070': 'Bình Phước',
  '072': 'Tây Ninh',
  '074': 'Bình Dương',
  '075': 'Đồng Nai',
  '077': 'Bà Rịa - Vũng Tàu',
  '079': 'Hồ Chí Minh',
  '080': 'Long An',
  '082': 'Tiền Giang',
  '083': 'Bến Tre',
  '084': 'Trà Vinh',
  '086': 'Vĩnh Long',
  '087': 'Đồng Tháp',
  '089': 'An Giang',
  '091': 'Kiên Giang',
  '092': 'Cần Thơ',
  '093': 'Hậu Giang',
  '094': 'Sóc Trăng',
  '095': 'Bạc Liêu',
  '096': 'Cà Mau',
});

export type CccdSex = 'nam' | 'nu';

export type CccdIssue = {
  code: 'CCCD_FORMAT' | 'CCCD_PROVINCE' | 'CCCD_SEX' | 'CCCD_BIRTH_YEAR';
  message: string;
};

export type CccdInfo = {
  provinceCode: string;
  /** undefined when the province code is not in CCCD_PROVINCE_CODES */
  provinceName: string | undefined;
  sex: CccdSex;
  birthYear: number;
  serial: string;
};

const CCCD_FORMAT = /^\d{12}$/;

/** Digit 4 pairs (male, female) by century, starting at 1900; 8/9 wrap to the 1800s. */
const CENTURY_BY_PAIR = [1900, 2000, 2100, 2200, 1800] as const;

const SEX_LABEL: Record<CccdSex, string> = { nam: 'Nam', nu: 'Nữ' };

/** Decodes the fixed fields; null when the text is not exactly 12 digits. */
export function parseCccd(cccd: string): CccdInfo | null {
  if (!CCCD_FORMAT.test(cccd)) return null;
  const provinceCode = cccd.slice(0, 3);
  const digit4 = Number(cccd[3]);
  const century = CENTURY_BY_PAIR[Math.floor(digit4 / 2)] ?? 1900;
  return {
    provinceCode,
    provinceName: CCCD_PROVINCE_CODES[provinceCode],
    sex: digit4 % 2 === 0 ? 'nam' : 'nu',
    birthYear: century + Number(cccd.slice(4, 6)),
    serial: cccd.slice(6),
  };
}

/**
 * Problems with a CCCD, in Vietnamese for direct display; empty means valid.
 * A format error is reported alone because the other fields cannot be read.
 * Without a birth year on record, a CCCD whose encoded year lies in the
 * future is still reported, since no living person can hold it.
 */
export function checkCccd(
  cccd: string,
  person?: { sex?: CccdSex | null; birthYear?: number | null },
): CccdIssue[] {
  const info = parseCccd(cccd);
  if (!info) {
    return [{ code: 'CCCD_FORMAT', message: 'Số CCCD phải gồm đúng 12 chữ số' }];
  }
  const issues: CccdIssue[] = [];
  if (info.provinceName === undefined) {
    issues.push({
      code: 'CCCD_PROVINCE',
      message: `Mã tỉnh 3 số đầu của CCCD (${info.provinceCode}) không hợp lệ`,
    });
  }
  if (person?.sex != null && person.sex !== info.sex) {
    issues.push({
      code: 'CCCD_SEX',
      message: `Chữ số thứ 4 của CCCD cho biết giới tính ${SEX_LABEL[info.sex]}, trái với giới tính ${SEX_LABEL[person.sex]} trong hồ sơ`,
    });
  }
  if (person?.birthYear != null) {
    if (person.birthYear !== info.birthYear) {
      issues.push({
        code: 'CCCD_BIRTH_YEAR',
        message: `Chữ số 4–6 của CCCD cho biết năm sinh ${info.birthYear}, trái với năm sinh ${person.birthYear} trong hồ sơ`,
      });
    }
  } else {
    const currentYear = Number(todayIso().slice(0, 4));
    if (info.birthYear > currentYear) {
      issues.push({
        code: 'CCCD_BIRTH_YEAR',
        message: `Chữ số 4–6 của CCCD cho biết năm sinh ${info.birthYear}, sau năm hiện tại ${currentYear}`,
      });
    }
  }
  return issues;
}

/**
 * Builds a CCCD with the given fields, for generators and tests. The
 * province code is not checked against the list so that tests can build
 * deliberately wrong numbers.
 */
export function makeCccd(args: {
  provinceCode: string;
  sex: CccdSex;
  birthYear: number;
  serial: number;
}): string {
  const { provinceCode, sex, birthYear, serial } = args;
  if (!/^\d{3}$/.test(provinceCode)) {
    throw new RangeError(`makeCccd: provinceCode must be 3 digits, got "${provinceCode}"`);
  }
  if (!Number.isInteger(birthYear) || birthYear < 1800 || birthYear > 2299) {
    throw new RangeError(`makeCccd: birthYear must be an integer in 1800..2299, got ${birthYear}`);
  }
  if (!Number.isInteger(serial) || serial < 0 || serial > 999_999) {
    throw new RangeError(`makeCccd: serial must be an integer in 0..999999, got ${serial}`);
  }
  const century = Math.floor(birthYear / 100) * 100;
  const pair = CENTURY_BY_PAIR.indexOf(century as (typeof CENTURY_BY_PAIR)[number]);
  const digit4 = pair * 2 + (sex === 'nu' ? 1 : 0);
  const yy = String(birthYear % 100).padStart(2, '0');
  return `${provinceCode}${digit4}${yy}${String(serial).padStart(6, '0')}`;
}
