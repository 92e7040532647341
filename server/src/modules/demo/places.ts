import type { Profile } from './names.js';
import type { Rng } from './prng.js';

/**
 * Place names for the demo: generated from syllables, so villages and communes
 * sound real without copying any actual list.
 */

const MOUNTAIN_SYLLABLES = [
  'Nậm', 'Pá', 'Sin', 'Hồ', 'Phìn', 'Ngài', 'Chù', 'Lùng', 'Tả', 'Mường', 'Hua', 'Huổi', 'Co', 'Ma', 'Lì', 'Pho', 'Lao', 'Chải', 'Thàng',
  'Sì', 'Khoang', 'Dào', 'San', 'Tông', 'Qua', 'Lìn', 'Mù', 'Sang', 'Ly', 'Khổng', 'Lang', 'Xe', 'Hoang', 'Thèn', 'Vàng', 'Pa', 'Vây',
  'Sử', 'Luông', 'Mồ', 'Suối', 'Lản', 'Nhì', 'Bum', 'Tở', 'Kan', 'Hô', 'Nà', 'Tăm', 'Ten', 'Pú', 'Đao', 'Xà', 'Dề', 'Phăng', 'Tà',
  'Mung', 'Khum', 'Tần', 'Cang', 'Hán', 'Ló', 'Pắc', 'Ta', 'Gia', 'Noong', 'Sáng', 'Tè', 'Pờ', 'Xìn', 'Chản', 'Bô', 'Hẹ', 'Then',
] as const;

const LOWLAND_SYLLABLES = [
  'An', 'Bình', 'Hòa', 'Phú', 'Thịnh', 'Tân', 'Đông', 'Tây', 'Nam', 'Bắc', 'Trung', 'Hưng', 'Long', 'Phúc', 'Lộc', 'Thọ', 'Xuân',
  'Thạch', 'Sơn', 'Hà', 'Thanh', 'Minh', 'Quang', 'Đức', 'Yên', 'Mỹ', 'Vĩnh', 'Hải', 'Lạc', 'Kim', 'Đại', 'Cao', 'Hồng', 'Văn',
  'Ngọc', 'Châu', 'Lâm', 'Tiến', 'Thắng', 'Lợi', 'Nghĩa', 'Hợp', 'Thành', 'Cẩm', 'Đồng', 'Hiệp', 'Khánh', 'Định', 'Phong', 'Tường',
] as const;

/** Unique names within one province. */
export class PlaceNamer {
  private readonly used = new Set<string>();
  constructor(
    private readonly rng: Rng,
    private readonly profile: Profile,
  ) {}

  /** A new name; `unique: false` for villages, whose names repeat across communes as real ones do. */
  next(unique = true): string {
    const syllables = this.profile === 'mountain' ? MOUNTAIN_SYLLABLES : LOWLAND_SYLLABLES;
    for (let attempt = 0; ; attempt++) {
      const n = this.rng.chance(this.profile === 'mountain' ? 0.3 : 0.1) || attempt > 20 ? 3 : 2;
      const parts: string[] = [];
      while (parts.length < n) {
        const s = this.rng.pick(syllables);
        if (!parts.includes(s)) parts.push(s);
      }
      const name = parts.join(' ') + (attempt > 60 ? ` ${attempt}` : '');
      if (!unique) return name;
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }
}

/** The 34 provinces and cities since July 2025: name, CCCD code of the main former province, members (thousands, rough), profile. */
export const PROVINCES: readonly { name: string; city: boolean; cccd: string; weight: number; profile: Profile }[] = [
  { name: 'Hà Nội', city: true, cccd: '001', weight: 475, profile: 'lowland' },
  { name: 'Hồ Chí Minh', city: true, cccd: '079', weight: 560, profile: 'lowland' },
  { name: 'Lai Châu', city: false, cccd: '012', weight: 30, profile: 'mountain' },
  { name: 'Hải Phòng', city: true, cccd: '031', weight: 230, profile: 'lowland' },
  { name: 'Đà Nẵng', city: true, cccd: '048', weight: 150, profile: 'lowland' },
  { name: 'Huế', city: true, cccd: '046', weight: 70, profile: 'lowland' },
  { name: 'Cần Thơ', city: true, cccd: '092', weight: 170, profile: 'lowland' },
  { name: 'Thanh Hóa', city: false, cccd: '038', weight: 250, profile: 'lowland' },
  { name: 'Nghệ An', city: false, cccd: '040', weight: 250, profile: 'lowland' },
  { name: 'Hà Tĩnh', city: false, cccd: '042', weight: 100, profile: 'lowland' },
  { name: 'Quảng Ninh', city: false, cccd: '022', weight: 110, profile: 'lowland' },
  { name: 'Lạng Sơn', city: false, cccd: '020', weight: 60, profile: 'mountain' },
  { name: 'Cao Bằng', city: false, cccd: '004', weight: 45, profile: 'mountain' },
  { name: 'Điện Biên', city: false, cccd: '011', weight: 45, profile: 'mountain' },
  { name: 'Sơn La', city: false, cccd: '014', weight: 80, profile: 'mountain' },
  { name: 'Tuyên Quang', city: false, cccd: '008', weight: 110, profile: 'mountain' },
  { name: 'Lào Cai', city: false, cccd: '010', weight: 95, profile: 'mountain' },
  { name: 'Thái Nguyên', city: false, cccd: '019', weight: 150, profile: 'lowland' },
  { name: 'Phú Thọ', city: false, cccd: '025', weight: 280, profile: 'lowland' },
  { name: 'Bắc Ninh', city: false, cccd: '027', weight: 210, profile: 'lowland' },
  { name: 'Hưng Yên', city: false, cccd: '033', weight: 230, profile: 'lowland' },
  { name: 'Ninh Bình', city: false, cccd: '037', weight: 260, profile: 'lowland' },
  { name: 'Quảng Trị', city: false, cccd: '045', weight: 110, profile: 'lowland' },
  { name: 'Quảng Ngãi', city: false, cccd: '051', weight: 130, profile: 'lowland' },
  { name: 'Gia Lai', city: false, cccd: '064', weight: 140, profile: 'lowland' },
  { name: 'Khánh Hòa', city: false, cccd: '056', weight: 100, profile: 'lowland' },
  { name: 'Lâm Đồng', city: false, cccd: '068', weight: 150, profile: 'lowland' },
  { name: 'Đắk Lắk', city: false, cccd: '066', weight: 140, profile: 'lowland' },
  { name: 'Đồng Nai', city: false, cccd: '075', weight: 170, profile: 'lowland' },
  { name: 'Tây Ninh', city: false, cccd: '072', weight: 120, profile: 'lowland' },
  { name: 'Vĩnh Long', city: false, cccd: '086', weight: 170, profile: 'lowland' },
  { name: 'Đồng Tháp', city: false, cccd: '087', weight: 150, profile: 'lowland' },
  { name: 'Cà Mau', city: false, cccd: '096', weight: 100, profile: 'lowland' },
  { name: 'An Giang', city: false, cccd: '089', weight: 170, profile: 'lowland' },
];

/** Lai Châu's district-level units before July 2025, first in their list so the default demo reads like the real province. */
export const LAI_CHAU_DISTRICTS = ['Phong Thổ', 'Sìn Hồ', 'Mường Tè', 'Tam Đường', 'Tân Uyên', 'Than Uyên', 'Nậm Nhùn'] as const;

/** Provincial agencies and units with their own party organization in the bloc of provincial agencies. */
export const PROVINCIAL_AGENCIES = [
  'Sở Tư pháp', 'Sở Tài chính', 'Sở Giáo dục và Đào tạo', 'Sở Y tế', 'Sở Nội vụ', 'Sở Xây dựng', 'Sở Công Thương',
  'Sở Nông nghiệp và Phát triển nông thôn', 'Sở Kế hoạch và Đầu tư', 'Sở Tài nguyên và Môi trường', 'Sở Giao thông vận tải',
  'Sở Văn hóa, Thể thao và Du lịch', 'Sở Khoa học và Công nghệ', 'Sở Lao động - Thương binh và Xã hội', 'Ban Dân tộc tỉnh',
  'Thanh tra tỉnh', 'Văn phòng Ủy ban nhân dân tỉnh', 'Văn phòng Đoàn ĐBQH và HĐND tỉnh', 'Sở Thông tin và Truyền thông',
  'Đài Phát thanh và Truyền hình tỉnh', 'Trường Chính trị tỉnh', 'Bệnh viện Đa khoa tỉnh', 'Kho bạc Nhà nước tỉnh', 'Cục Thuế tỉnh',
  'Bảo hiểm xã hội tỉnh', 'Trường Cao đẳng Cộng đồng', 'Trường THPT Chuyên', 'Liên minh Hợp tác xã tỉnh', 'Hội Chữ thập đỏ tỉnh',
] as const;

/** Sub-units of an agency with a grassroots party committee. */
export const AGENCY_SUBUNITS = ['Văn phòng', 'Phòng Tổ chức - Hành chính', 'Phòng Nghiệp vụ', 'Phòng Kế hoạch - Tài chính', 'Trung tâm trực thuộc'] as const;
