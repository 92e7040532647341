import { CCCD_PROVINCE_CODES, makeCccd } from '@dangvu/common';
import { permuted, type Rng } from './prng.js';

/**
 * Form 2-HSĐV attributes with believable distributions: education, qualifications,
 * occupation (from the kind of unit the person belongs to), and identifiers that
 * are unique unless a data problem is planted on purpose.
 */

const OTHER_CODES = Object.keys(CCCD_PROVINCE_CODES);

/** Serial numbers per CCCD prefix (province, sex/century digit, year), never repeated within a prefix. */
export class IdentifierPool {
  private readonly cccdSeq = new Map<string, { k: number; offset: number }>();
  private card = 0;
  private readonly cardOffset: number;
  private file = 0;

  constructor(private readonly rng: Rng) {
    this.cardOffset = rng.int(0, 89_999_999);
  }

  cccd(provinceCode: string, sex: 'nam' | 'nu', birthYear: number): string {
    const prefix = makeCccd({ provinceCode, sex, birthYear, serial: 0 }).slice(0, 6);
    let s = this.cccdSeq.get(prefix);
    if (!s) this.cccdSeq.set(prefix, (s = { k: 0, offset: this.rng.int(0, 999_999) }));
    return makeCccd({ provinceCode, sex, birthYear, serial: permuted(s.k++, 1_000_000, s.offset) });
  }

  /** Party card numbers: 8 digits, distinct. */
  cardNo(): string {
    return String(10_000_000 + permuted(this.card++, 90_000_000, this.cardOffset, 48_271_237));
  }

  fileNo(provinceCode: string): string {
    return `${provinceCode}-${String(++this.file).padStart(7, '0')}`;
  }

  /** Where the birth was registered: mostly the home province. */
  birthProvince(home: string, ethnicity: string, profile: 'mountain' | 'lowland'): string {
    const away = ethnicity === '01' && profile === 'mountain' ? 0.5 : 0.1;
    return this.rng.chance(away) ? this.rng.pick(OTHER_CODES) : home;
  }
}

export function generalEducation(rng: Rng, birthYear: number, ethnicity: string): string {
  if (birthYear < 1960) return rng.weighted([['10/10', 50], ['7/10', 30], ['12/12', 20]] as const);
  if (birthYear < 1976) return rng.weighted([['12/12', 60], ['9/12', 22], ['10/10', 12], ['7/12', ethnicity === '01' ? 1 : 6]] as const);
  return rng.weighted([['12/12', 85], ['9/12', 13], ['7/12', ethnicity === '01' ? 0.5 : 2]] as const);
}

type Occupation = { occupation: string; professional: readonly (readonly [string | null, number])[]; theory: readonly (readonly [string | null, number])[] };

const FARMER: Occupation['professional'] = [[null, 55], ['so_cap', 25], ['trung_cap', 15], ['cao_dang', 3], ['dai_hoc', 2]];
const OFFICIAL: Occupation['professional'] = [[null, 2], ['trung_cap', 18], ['cao_dang', 10], ['dai_hoc', 62], ['thac_si', 7.5], ['tien_si', 0.5]];
const TEACHER: Occupation['professional'] = [['trung_cap', 10], ['cao_dang', 25], ['dai_hoc', 60], ['thac_si', 5]];
const LOW_THEORY: Occupation['theory'] = [[null, 70], ['so_cap', 27], ['trung_cap', 3]];
const MID_THEORY: Occupation['theory'] = [[null, 20], ['so_cap', 40], ['trung_cap', 33], ['cao_cap', 6], ['cu_nhan', 1]];

/** Occupation follows the host unit of the member's cell, and age. */
export function occupationFor(rng: Rng, hostType: string, age: number): Occupation {
  if (age >= 62 && rng.chance(0.8)) return { occupation: 'nghi_huu', professional: FARMER, theory: LOW_THEORY };
  switch (hostType) {
    case 'truong_hoc':
      return { occupation: 'vien_chuc', professional: TEACHER, theory: LOW_THEORY };
    case 'tram_y_te':
    case 'don_vi_su_nghiep':
      return { occupation: 'vien_chuc', professional: TEACHER, theory: MID_THEORY };
    case 'co_quan_hanh_chinh':
      return { occupation: rng.weighted([['cong_chuc', 55], ['can_bo_xa', 30], ['can_bo_dang_doan_the', 15]] as const), professional: OFFICIAL, theory: MID_THEORY };
    case 'luc_luong_vu_trang':
      return { occupation: 'luc_luong_vu_trang', professional: OFFICIAL, theory: MID_THEORY };
    case 'doanh_nghiep_nha_nuoc':
    case 'doanh_nghiep_ngoai_nha_nuoc':
      return { occupation: 'doanh_nghiep', professional: FARMER, theory: LOW_THEORY };
    default:
      return {
        occupation: rng.weighted([['nong_lam_ngu', 70], ['can_bo_xa', 8], ['khac', 10], ['doanh_nghiep', 4], ['can_bo_dang_doan_the', 4], ['hoc_sinh_sinh_vien', age < 25 ? 10 : 0]] as const),
        professional: FARMER,
        theory: LOW_THEORY,
      };
  }
}

export interface Qualifications {
  professional_level: string | null;
  political_theory: string | null;
  occupation: string;
  foreign_language: string | null;
  it_level: string | null;
}

export function qualifications(rng: Rng, hostType: string, age: number): Qualifications {
  const o = occupationFor(rng, hostType, age);
  const professional = rng.weighted(o.professional);
  const educated = professional === 'dai_hoc' || professional === 'thac_si' || professional === 'tien_si';
  return {
    occupation: o.occupation,
    professional_level: professional,
    political_theory: rng.weighted(o.theory),
    foreign_language: educated && rng.chance(0.35) ? rng.pick(['Tiếng Anh trình độ B', 'Tiếng Anh B1', 'Tiếng Trung trình độ A']) : null,
    it_level: educated || professional === 'cao_dang' ? (rng.chance(0.5) ? rng.pick(['Tin học văn phòng', 'Chứng chỉ ứng dụng CNTT cơ bản']) : null) : null,
  };
}
