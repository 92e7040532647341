import type { Rng } from './prng.js';

/**
 * Synthetic Vietnamese names, built family + middle + given from parts typical
 * of each ethnic group (Vietnamese order; never faker's fullName()).
 * Only generated people: no combination here names anyone on purpose.
 */

type Parts = {
  family: readonly (readonly [string, number])[];
  middleM: readonly string[];
  middleF: readonly string[];
  givenM: readonly string[];
  givenF: readonly string[];
  religion: readonly (readonly [string, number])[];
};

const w = (s: string, weight = 1) => [s, weight] as const;
const NO_RELIGION = [w('khong', 97), w('phat_giao', 2), w('khac', 1)] as const;

const KINH: Parts = {
  family: [
    w('Nguyễn', 38), w('Trần', 11), w('Lê', 9), w('Phạm', 7), w('Hoàng', 5), w('Vũ', 4), w('Đỗ', 3), w('Bùi', 3), w('Đặng', 2),
    w('Ngô', 2), w('Dương', 1.5), w('Lý', 1), w('Đinh', 2), w('Hà', 1.5), w('Phan', 2), w('Trịnh', 1), w('Đào', 1), w('Lương', 1), w('Mai', 1),
  ],
  middleM: ['Văn', 'Văn', 'Văn', 'Đức', 'Minh', 'Quang', 'Hữu', 'Công', 'Xuân', 'Thanh', 'Ngọc', 'Mạnh', 'Tiến', 'Trọng'],
  middleF: ['Thị', 'Thị', 'Thị', 'Thu', 'Thanh', 'Ngọc', 'Thúy', 'Hồng', 'Minh', 'Phương', 'Kim', 'Bích'],
  givenM: ['Hùng', 'Dũng', 'Tuấn', 'Hải', 'Hòa', 'Hoà', 'Thắng', 'Hiếu', 'Nam', 'Long', 'Sơn', 'Trung', 'Quân', 'Cường', 'Thành', 'Kiên', 'Bình', 'Đức', 'Khánh', 'Phong', 'Tùng', 'Huy', 'Việt', 'Toàn', 'Thủy', 'Lâm', 'Vinh', 'Anh', 'Hưng', 'Tâm'],
  givenF: ['Hoa', 'Lan', 'Hương', 'Mai', 'Hà', 'Thảo', 'Trang', 'Linh', 'Nga', 'Hằng', 'Yến', 'Nhung', 'Huyền', 'Phương', 'Thủy', 'Thuỷ', 'Dung', 'Loan', 'Hạnh', 'Vân', 'Oanh', 'Hòa', 'Ánh', 'Ngọc', 'Liên', 'Tuyết', 'Duyên', 'Chi'],
  religion: [w('khong', 93), w('phat_giao', 4), w('cong_giao', 2.5), w('khac', 0.5)],
};

const MONG: Parts = {
  family: [w('Giàng', 18), w('Thào', 14), w('Sùng', 13), w('Vàng', 12), w('Lù', 9), w('Lý', 8), w('Hầu', 6), w('Mùa', 6), w('Ly', 4), w('Chảo', 3), w('Tráng', 3), w('Vừ', 2), w('Cứ', 2)],
  middleM: ['A', 'A', 'A', 'Seo', 'Seo', 'Mí', 'Văn', 'Chẩn', 'Sái'],
  middleF: ['Thị', 'Thị', 'Thị', 'Thị', 'Mí', 'Thị'],
  givenM: ['Páo', 'Sếnh', 'Chứ', 'Dình', 'Pó', 'Sính', 'Chư', 'Lử', 'Pao', 'Dế', 'Tráng', 'Sình', 'Cáng', 'Chá', 'Dia', 'Lồng', 'Nhè', 'Vảng', 'Chu', 'Thề', 'Của', 'Hờ', 'Tủa', 'Già'],
  givenF: ['Mỷ', 'Sua', 'Dở', 'Mai', 'Xì', 'Dua', 'Chở', 'Sú', 'Pà', 'Chía', 'Ly', 'Súa', 'Mỷ', 'Dợ', 'Say', 'Mảy', 'Lan', 'Chi'],
  religion: [w('khong', 90), w('tin_lanh', 9), w('cong_giao', 1)],
};

const THAI: Parts = {
  family: [w('Lò', 22), w('Lường', 14), w('Tòng', 10), w('Quàng', 10), w('Điêu', 8), w('Cầm', 8), w('Vì', 8), w('Hoàng', 6), w('Lèo', 4), w('Lù', 4), w('Bạc', 3), w('Hà', 3)],
  middleM: ['Văn'],
  middleF: ['Thị'],
  givenM: ['Phanh', 'Khăm', 'Xiêng', 'Ún', 'Thanh', 'Biên', 'Pánh', 'Chăn', 'Inh', 'Hặc', 'Ngoan', 'Thưởng', 'Doãn', 'Xuân', 'Panh', 'Kiên', 'Tiến', 'Khương', 'Hải', 'Sương', 'Bun', 'Tinh', 'Thọ', 'Hoan'],
  givenF: ['Ọn', 'Un', 'Xiêm', 'Ón', 'Hom', 'Ánh', 'Ương', 'Dương', 'Lả', 'Ẻng', 'Phương', 'Thoa', 'Xuyến', 'Kim', 'Hồng', 'Nhất', 'Lan', 'Thủy', 'Khum', 'Pọm'],
  religion: NO_RELIGION,
};

const DAO: Parts = {
  family: [w('Tẩn', 25), w('Chảo', 20), w('Phàn', 18), w('Lý', 15), w('Đặng', 12), w('Triệu', 6), w('Bàn', 4)],
  middleM: ['Láo', 'Láo', 'Lở', 'Văn', 'Quẩy', 'Sài', 'A'],
  middleF: ['Mẩy', 'Thị', 'Thị', 'Kiều', 'Lở'],
  givenM: ['Lở', 'Tả', 'Sài', 'Quẩy', 'Chài', 'Phù', 'Khé', 'Sinh', 'Lao', 'Xoan', 'Vảng', 'Kiều', 'Dùn', 'Chòi', 'Phin', 'San'],
  givenF: ['Mẩy', 'Kiều', 'Xoan', 'Mai', 'Chiêm', 'Siếu', 'Phây', 'Tá', 'Dào', 'Xiêm', 'Lai', 'Nải'],
  religion: NO_RELIGION,
};

const HA_NHI: Parts = {
  family: [w('Chu', 20), w('Lý', 20), w('Pờ', 15), w('Phu', 12), w('Ly', 10), w('Lò', 8), w('Hù', 6), w('Sừ', 5), w('Lỳ', 4)],
  middleM: ['Hừ', 'Xá', 'Gơ', 'Dì', 'Chừ', 'Là', 'Văn', 'A'],
  middleF: ['Thị', 'Mỳ', 'Xá', 'Hừ', 'Là'],
  givenM: ['Xá', 'Gơ', 'Mè', 'Hừ', 'Dè', 'Cà', 'Chà', 'Lì', 'Só', 'Phạ', 'Hờ', 'Chó', 'Giá', 'Gò'],
  givenF: ['Pà', 'Mè', 'Xá', 'Có', 'Chừ', 'Mó', 'Sạ', 'Pò', 'Mỳ', 'Lừ'],
  religion: NO_RELIGION,
};

const GIAY: Parts = {
  family: [w('Vàng', 30), w('Lò', 20), w('Hoàng', 20), w('Lù', 10), w('Lồ', 8), w('Sần', 6), w('Giàng', 6)],
  middleM: ['Văn'],
  middleF: ['Thị'],
  givenM: ['Diu', 'Sinh', 'Chiến', 'Thắng', 'Dùng', 'Vịnh', 'Tiến', 'Thương', 'Pình', 'Chính', 'Sáng', 'Dũng'],
  givenF: ['Mai', 'Dung', 'Sính', 'Tâm', 'Liên', 'Hồng', 'Xoan', 'Thu'],
  religion: NO_RELIGION,
};

const LU: Parts = {
  family: [w('Lò', 45), w('Tao', 35), w('Lường', 10), w('Hoàng', 10)],
  middleM: ['Văn'],
  middleF: ['Thị'],
  givenM: ['Khăm', 'Ún', 'Pâng', 'Phanh', 'Sanh', 'Xiêng', 'Thong'],
  givenF: ['Ún', 'Lả', 'Phong', 'Xiên', 'Bua', 'Khăm'],
  religion: [w('khong', 80), w('phat_giao', 20)],
};

const TAY_NUNG: Parts = {
  family: [w('Hoàng', 20), w('Nông', 20), w('Lục', 8), w('Ma', 8), w('Triệu', 8), w('Lăng', 8), w('Vi', 8), w('Lương', 8), w('Đàm', 6), w('Hà', 6)],
  middleM: ['Văn', 'Văn', 'Đức', 'Minh'],
  middleF: ['Thị', 'Thị', 'Thu'],
  givenM: ['Thắng', 'Hùng', 'Tuấn', 'Pao', 'Khoa', 'Sơn', 'Thịnh', 'Bằng', 'Dũng', 'Chiến'],
  givenF: ['Mai', 'Lan', 'Hiền', 'Nhung', 'Thảo', 'Lụa', 'Duyên', 'Hoa'],
  religion: NO_RELIGION,
};

const MUONG: Parts = {
  family: [w('Bùi', 40), w('Đinh', 25), w('Quách', 15), w('Hà', 10), w('Xa', 5), w('Cao', 5)],
  middleM: ['Văn', 'Văn', 'Đức'],
  middleF: ['Thị'],
  givenM: ['Khỏe', 'Thiện', 'Mừng', 'Dân', 'Thanh', 'Chiến', 'Bình', 'Thường'],
  givenF: ['Nhàn', 'Mến', 'Thơm', 'Hằng', 'Oanh', 'Nụ'],
  religion: NO_RELIGION,
};

const HOA: Parts = {
  family: [w('Lý', 25), w('Trương', 20), w('Hứa', 15), w('Lưu', 15), w('Quách', 10), w('Lâm', 15)],
  middleM: ['Văn', 'Quốc', 'Gia'],
  middleF: ['Thị', 'Mỹ', 'Ngọc'],
  givenM: ['Phát', 'Tài', 'Minh', 'Cường', 'Hào', 'Vinh'],
  givenF: ['Linh', 'Mỹ', 'Phượng', 'Lệ', 'Hoa'],
  religion: [w('khong', 80), w('phat_giao', 20)],
};

/** Name style per ethnicity code; groups not listed use the Thái style, the commonest in the north-west. */
const STYLE: Record<string, Parts> = {
  '01': KINH,
  '02': TAY_NUNG,
  '03': THAI,
  '04': HOA,
  '06': MUONG,
  '07': TAY_NUNG,
  '08': MONG,
  '09': DAO,
  '25': GIAY,
  '35': HA_NHI,
  '41': HA_NHI,
  '42': LU,
  '43': HA_NHI,
};

export type Profile = 'mountain' | 'lowland';

/** Ethnic mix of members: Lai Châu-like for the mountain profile. */
export const ETHNIC_MIX: Record<Profile, readonly (readonly [string, number])[]> = {
  mountain: [
    w('03', 34), w('08', 25), w('01', 20), w('09', 11), w('25', 4), w('35', 3), w('42', 1),
    w('29', 0.5), w('33', 0.3), w('41', 0.4), w('45', 0.3), w('48', 0.2), w('50', 0.1), w('02', 0.2),
  ],
  lowland: [w('01', 90), w('02', 2.5), w('06', 2.5), w('03', 1.5), w('07', 1.5), w('04', 1), w('09', 0.5), w('08', 0.5)],
};

export interface GeneratedName {
  fullName: string;
  religion: string;
}

export function personName(rng: Rng, ethnicity: string, sex: 'nam' | 'nu'): GeneratedName {
  const p = STYLE[ethnicity] ?? THAI;
  const family = rng.weighted(p.family);
  const middle = rng.pick(sex === 'nu' ? p.middleF : p.middleM);
  let given = rng.pick(sex === 'nu' ? p.givenF : p.givenM);
  for (let i = 0; i < 5 && given === middle; i++) given = rng.pick(sex === 'nu' ? p.givenF : p.givenM);
  // A few Kinh names carry two middle words ("Nguyễn Thị Thu Hà").
  const second = p === KINH && rng.chance(0.12) ? ` ${rng.pick(sex === 'nu' ? p.middleF : p.middleM)}` : '';
  const fullName = second && second.trim() === middle ? `${family} ${middle} ${given}` : `${family} ${middle}${second} ${given}`;
  return { fullName, religion: rng.weighted(p.religion) };
}

/** The other spelling of a tone placement ("Hòa" ↔ "Hoà"), to plant name twins that fold alike. */
export function toneVariant(name: string): string {
  const swaps: [string, string][] = [
    ['Hòa', 'Hoà'],
    ['Thủy', 'Thuỷ'],
    ['Khỏe', 'Khoẻ'],
  ];
  for (const [a, b] of swaps) {
    if (name.includes(a)) return name.replace(a, b);
    if (name.includes(b)) return name.replace(b, a);
  }
  return name;
}
