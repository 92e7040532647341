/** Organization kinds by level (DOMAIN.md). Level is derived from kind, never stored. */
export const ORG_KINDS = [
  'dang_bo_tinh',
  'dang_bo_huyen',
  'dang_uy_khoi',
  'dang_uy_xa',
  'dang_bo_co_so',
  'chi_bo_co_so',
  'dang_bo_bo_phan',
  'chi_bo_truc_thuoc',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_KIND_LABELS: Record<OrgKind, { vi: string; en: string; level: number }> = {
  dang_bo_tinh: { vi: 'Đảng bộ tỉnh, thành phố', en: 'Provincial party organization', level: 1 },
  dang_bo_huyen: { vi: 'Đảng bộ huyện, thị xã, thành phố thuộc tỉnh', en: 'District party organization', level: 2 },
  dang_uy_khoi: { vi: 'Đảng bộ khối', en: 'Bloc party organization', level: 2 },
  dang_uy_xa: { vi: 'Đảng bộ xã, phường (cấp trên cơ sở)', en: 'Commune or ward party organization (upper-base)', level: 2 },
  dang_bo_co_so: { vi: 'Đảng bộ cơ sở', en: 'Grassroots party organization with cells', level: 3 },
  chi_bo_co_so: { vi: 'Chi bộ cơ sở', en: 'Grassroots cell', level: 3 },
  dang_bo_bo_phan: { vi: 'Đảng bộ bộ phận', en: 'Intermediate party organization', level: 4 },
  chi_bo_truc_thuoc: { vi: 'Chi bộ trực thuộc', en: 'Subordinate cell', level: 5 },
};

/** Members take part in cells only. */
export const CELL_KINDS: readonly OrgKind[] = ['chi_bo_co_so', 'chi_bo_truc_thuoc'];
export const isCellKind = (k: string): boolean => (CELL_KINDS as readonly string[]).includes(k);

/** Which kinds may sit directly under which; a pure table so the rule is tested on its own. */
export const ALLOWED_PARENT_KINDS: Record<OrgKind, readonly (OrgKind | null)[]> = {
  dang_bo_tinh: [null],
  dang_bo_huyen: ['dang_bo_tinh'],
  dang_uy_khoi: ['dang_bo_tinh'],
  dang_uy_xa: ['dang_bo_tinh', 'dang_bo_huyen'],
  dang_bo_co_so: ['dang_bo_tinh', 'dang_bo_huyen', 'dang_uy_khoi', 'dang_uy_xa'],
  chi_bo_co_so: ['dang_bo_tinh', 'dang_bo_huyen', 'dang_uy_khoi', 'dang_uy_xa'],
  dang_bo_bo_phan: ['dang_bo_co_so', 'dang_uy_xa'],
  chi_bo_truc_thuoc: ['dang_bo_co_so', 'dang_bo_bo_phan', 'dang_uy_xa'],
};

export const HOST_TYPES = [
  'thon_ban',
  'to_dan_pho',
  'khu_dan_cu',
  'xa_phuong',
  'truong_hoc',
  'tram_y_te',
  'co_quan_hanh_chinh',
  'don_vi_su_nghiep',
  'doanh_nghiep_nha_nuoc',
  'doanh_nghiep_ngoai_nha_nuoc',
  'luc_luong_vu_trang',
  'khac',
] as const;
export type HostType = (typeof HOST_TYPES)[number];

export const HOST_TYPE_LABELS: Record<HostType, { vi: string; en: string }> = {
  thon_ban: { vi: 'Thôn, bản', en: 'Village' },
  to_dan_pho: { vi: 'Tổ dân phố', en: 'Urban residential group' },
  khu_dan_cu: { vi: 'Khu dân cư', en: 'Residential area' },
  xa_phuong: { vi: 'Xã, phường, đặc khu', en: 'Commune or ward' },
  truong_hoc: { vi: 'Trường học', en: 'School' },
  tram_y_te: { vi: 'Trạm y tế', en: 'Health station' },
  co_quan_hanh_chinh: { vi: 'Cơ quan hành chính nhà nước', en: 'State administrative agency' },
  don_vi_su_nghiep: { vi: 'Đơn vị sự nghiệp', en: 'Public service unit' },
  doanh_nghiep_nha_nuoc: { vi: 'Doanh nghiệp nhà nước', en: 'State-owned enterprise' },
  doanh_nghiep_ngoai_nha_nuoc: { vi: 'Doanh nghiệp ngoài nhà nước', en: 'Private enterprise' },
  luc_luong_vu_trang: { vi: 'Lực lượng vũ trang', en: 'Armed forces' },
  khac: { vi: 'Khác', en: 'Other' },
};

export const ORG_EVENT_KINDS = ['thanh_lap', 'sap_nhap', 'chia_tach', 'chuyen_giao', 'giai_the', 'doi_ten'] as const;
export type OrgEventKind = (typeof ORG_EVENT_KINDS)[number];

export const ORG_EVENT_LABELS: Record<OrgEventKind, { vi: string; en: string }> = {
  thanh_lap: { vi: 'Thành lập', en: 'Established' },
  sap_nhap: { vi: 'Sáp nhập', en: 'Merged' },
  chia_tach: { vi: 'Chia tách', en: 'Split' },
  chuyen_giao: { vi: 'Chuyển giao', en: 'Transferred' },
  giai_the: { vi: 'Giải thể', en: 'Dissolved' },
  doi_ten: { vi: 'Đổi tên', en: 'Renamed' },
};

/** Roles an organization plays in an event's lineage links. */
export const LINK_ROLES = ['established', 'merged_into', 'split_into', 'transferred', 'dissolved', 'renamed'] as const;
export type LinkRole = (typeof LINK_ROLES)[number];

export const PARTY_POST_TITLES = ['bi_thu', 'pho_bi_thu', 'uy_vien_btv', 'cap_uy_vien'] as const;
export type PartyPostTitle = (typeof PARTY_POST_TITLES)[number];
/** Posts outside the party that the reports count (held by members or non-members). */
export const STATE_POST_TITLES = ['chu_tich_hdnd', 'pho_chu_tich_hdnd', 'chu_tich_ubnd', 'pho_chu_tich_ubnd', 'thu_truong'] as const;
export const COMMUNITY_POST_TITLES = ['chu_tich_ubmttq', 'truong_thon', 'to_truong_tdp'] as const;
export const POST_TITLES = [...PARTY_POST_TITLES, ...STATE_POST_TITLES, ...COMMUNITY_POST_TITLES] as const;
export type PostTitle = (typeof POST_TITLES)[number];
/** Labels of every post title (party, state, community), so any post list can name what it shows. */
export const PARTY_POST_LABELS: Record<PostTitle, { vi: string; en: string }> = {
  bi_thu: { vi: 'Bí thư', en: 'Secretary' },
  pho_bi_thu: { vi: 'Phó Bí thư', en: 'Deputy secretary' },
  uy_vien_btv: { vi: 'Ủy viên Ban Thường vụ', en: 'Standing committee member' },
  cap_uy_vien: { vi: 'Cấp ủy viên', en: 'Committee member' },
  chu_tich_hdnd: { vi: 'Chủ tịch HĐND', en: "People's Council chair" },
  pho_chu_tich_hdnd: { vi: 'Phó Chủ tịch HĐND', en: "People's Council vice-chair" },
  chu_tich_ubnd: { vi: 'Chủ tịch UBND', en: "People's Committee chair" },
  pho_chu_tich_ubnd: { vi: 'Phó Chủ tịch UBND', en: "People's Committee vice-chair" },
  thu_truong: { vi: 'Thủ trưởng cơ quan, đơn vị', en: 'Head of agency' },
  chu_tich_ubmttq: { vi: 'Chủ tịch UBMTTQ', en: 'Fatherland Front chair' },
  truong_thon: { vi: 'Trưởng thôn, bản', en: 'Village head' },
  to_truong_tdp: { vi: 'Tổ trưởng tổ dân phố', en: 'Residential group head' },
};
