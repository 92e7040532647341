import { ADMISSIONS_FIELD_LABELS_VI } from './admissions.js';
import { CADRES_FIELD_LABELS_VI } from './cadres.js';
import { RESTRUCTURE_FIELD_LABELS_VI } from './restructure.js';
import { TRANSFERS_FIELD_LABELS_VI } from './transfers.js';
import { INSPECTIONS_FIELD_LABELS_VI } from './inspections.js';
import { RATINGS_FIELD_LABELS_VI } from './ratings.js';
import { MEETINGS_FIELD_LABELS_VI } from './meetings.js';
import { TRAINING_FIELD_LABELS_VI } from './training.js';
import { DOCUMENTS_FIELD_LABELS_VI } from './documents.js';
import { AWARDS_FIELD_LABELS_VI } from './awards.js';
import { REPORTS_FIELD_LABELS_VI } from './reports.js';

/** Vietnamese names of input fields, so every validation message can say which field is wrong. */
export const FIELD_LABELS_VI: Record<string, string> = {
  ...ADMISSIONS_FIELD_LABELS_VI,
  ...TRANSFERS_FIELD_LABELS_VI,
  ...CADRES_FIELD_LABELS_VI,
  ...RESTRUCTURE_FIELD_LABELS_VI,
  ...INSPECTIONS_FIELD_LABELS_VI,
  ...RATINGS_FIELD_LABELS_VI,
  ...MEETINGS_FIELD_LABELS_VI,
  ...TRAINING_FIELD_LABELS_VI,
  ...DOCUMENTS_FIELD_LABELS_VI,
  ...AWARDS_FIELD_LABELS_VI,
  ...REPORTS_FIELD_LABELS_VI,
  fullName: 'Họ và tên',
  otherNames: 'Tên gọi khác',
  sex: 'Giới tính',
  birthDate: 'Ngày sinh',
  birthplace: 'Nơi sinh',
  hometown: 'Quê quán',
  residence: 'Nơi cư trú',
  ethnicity: 'Dân tộc',
  religion: 'Tôn giáo',
  cccd: 'Số CCCD',
  generalEducation: 'Giáo dục phổ thông',
  professionalLevel: 'Chuyên môn, nghiệp vụ',
  academicTitle: 'Học hàm',
  politicalTheory: 'Lý luận chính trị',
  foreignLanguage: 'Ngoại ngữ',
  itLevel: 'Tin học',
  occupation: 'Nghề nghiệp',
  youthUnionOn: 'Ngày vào Đoàn',
  cardNo: 'Số thẻ đảng viên',
  fileNo: 'Số lý lịch',
  sponsors: 'Người giới thiệu',
  orgId: 'Tổ chức đảng',
  admittedOn: 'Ngày kết nạp',
  admissionDecisionNo: 'Số quyết định kết nạp',
  admissionIssuer: 'Cấp ủy ra quyết định kết nạp',
  officialOn: 'Ngày công nhận chính thức',
  officialDecisionNo: 'Số quyết định công nhận chính thức',
  version: 'Phiên bản hồ sơ',
  kind: 'Loại',
  effectiveDate: 'Ngày hiệu lực',
  decisionNo: 'Số quyết định',
  decisionDate: 'Ngày quyết định',
  issuer: 'Cơ quan ban hành',
  note: 'Ghi chú',
  code: 'Mã tổ chức',
  name: 'Tên',
  hostType: 'Loại hình đơn vị',
  hostUnitName: 'Tên đơn vị',
  parentId: 'Tổ chức cấp trên',
  newParentId: 'Tổ chức cấp trên mới',
  sourceIds: 'Các tổ chức được sáp nhập',
  targetId: 'Tổ chức tiếp nhận',
  newOrg: 'Tổ chức mới',
  parts: 'Các tổ chức sau chia tách',
  memberIds: 'Đảng viên',
  childOrgIds: 'Tổ chức trực thuộc',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  currentPassword: 'Mật khẩu hiện tại',
  newPassword: 'Mật khẩu mới',
  q: 'Từ khóa tìm kiếm',
  org: 'Tổ chức',
  status: 'Trạng thái',
  asOf: 'Ngày xem',
  page: 'Trang',
  pageSize: 'Số dòng mỗi trang',
  level: 'Trình độ',
  obtainedOn: 'Ngày cấp bằng',
  from: 'Từ ngày',
  to: 'Đến ngày',
  entity: 'Đối tượng',
  user: 'Người dùng',
  id: 'Mã định danh',
};

export function fieldLabelVi(path: readonly (string | number)[]): string {
  const named = path.filter((p): p is string => typeof p === 'string');
  const last = named[named.length - 1];
  if (!last) return 'Dữ liệu gửi lên';
  const label = FIELD_LABELS_VI[last] ?? last;
  const idx = path.find((p) => typeof p === 'number');
  return idx === undefined ? label : `${label} (mục ${idx + 1})`;
}
