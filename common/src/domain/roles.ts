export const ROLES = ['quan_tri', 'can_bo_to_chuc', 'uy_ban_kiem_tra', 'bi_thu', 'dang_vien', 'chi_xem'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  quan_tri: { vi: 'Quản trị hệ thống', en: 'System administrator' },
  can_bo_to_chuc: { vi: 'Cán bộ tổ chức', en: 'Organization officer' },
  uy_ban_kiem_tra: { vi: 'Ủy ban kiểm tra', en: 'Inspection commission' },
  bi_thu: { vi: 'Bí thư / cấp ủy', en: 'Secretary / committee' },
  dang_vien: { vi: 'Đảng viên (chỉ hồ sơ của mình)', en: 'Member (own record only)' },
  chi_xem: { vi: 'Chỉ xem', en: 'Read only' },
};

export type Permission =
  | 'org.read'
  | 'org.write'
  | 'member.read'
  | 'member.write'
  | 'member.event'
  | 'audit.read'
  | 'user.manage'
  | 'rating.write'
  | 'meeting.write'
  /** Details of inspection cases; everyone else sees counts only. */
  | 'inspection.read'
  | 'inspection.write'
  | 'training.write'
  | 'document.write'
  | 'award.write';

/** What each role may do inside its scope; scope itself is checked separately. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  quan_tri: ['org.read', 'org.write', 'member.read', 'member.write', 'member.event', 'audit.read', 'user.manage', 'rating.write', 'meeting.write', 'training.write', 'document.write', 'award.write'],
  can_bo_to_chuc: ['org.read', 'org.write', 'member.read', 'member.write', 'member.event', 'rating.write', 'meeting.write', 'training.write', 'document.write', 'award.write'],
  uy_ban_kiem_tra: ['org.read', 'member.read', 'inspection.read', 'inspection.write'],
  bi_thu: ['org.read', 'member.read', 'member.write', 'member.event', 'rating.write', 'meeting.write', 'document.write'],
  dang_vien: ['member.read'],
  chi_xem: ['org.read', 'member.read'],
};

export const can = (role: Role, p: Permission): boolean => ROLE_PERMISSIONS[role].includes(p);
