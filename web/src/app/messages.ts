import type * as workflow from './workflowMessages';
import * as audit from '../modules/audit/messages';
import * as dashboard from '../modules/dashboard/messages';
import * as members from '../modules/members/messages';
import * as orgs from '../modules/orgs/messages';

/**
 * Every text the interface shows. Vietnamese is the default; English must have the same keys
 * (the type below makes a missing English text a compile error).
 */
const core = {
  'app.name': 'Đảng vụ',
  'app.tagline': 'Quản lý công tác xây dựng Đảng',
  'nav.dashboard': 'Tổng quan',
  'nav.orgs': 'Tổ chức đảng',
  'nav.members': 'Đảng viên',
  'nav.audit': 'Nhật ký thay đổi',
  'nav.admissions': 'Phát triển đảng viên',
  'nav.transfers': 'Chuyển sinh hoạt',
  'nav.units': 'Thôn, bản, đơn vị',
  'nav.posts': 'Cán bộ, chức vụ',
  'nav.restructure': 'Sắp xếp tổ chức',
  'nav.meetings': 'Sinh hoạt chi bộ',
  'nav.ratings': 'Đánh giá, xếp loại',
  'nav.inspections': 'Kiểm tra, giám sát',
  'nav.awards': 'Khen thưởng',
  'nav.training': 'Đào tạo, bồi dưỡng',
  'nav.documents': 'Nghị quyết, văn bản',
  'nav.study': 'Học tập nghị quyết',
  'nav.reports': 'Báo cáo thống kê',
  'nav.group.members': 'Công tác đảng viên',
  'nav.group.orgs': 'Tổ chức, cán bộ',
  'nav.group.quality': 'Sinh hoạt, chất lượng',
  'nav.group.study': 'Học tập, văn bản',
  'nav.menu': 'Menu',
  'settings.language': 'Ngôn ngữ',
  'settings.largeText': 'Chữ lớn',
  'auth.login': 'Đăng nhập',
  'auth.logout': 'Đăng xuất',
  'auth.username': 'Tên đăng nhập',
  'auth.password': 'Mật khẩu',
  'auth.required': 'Vui lòng nhập {field}',
  'auth.expired': 'Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.',
  'auth.loggedOut': 'Bạn đã đăng xuất.',
  'common.loading': 'Đang tải…',
  'common.retry': 'Thử lại',
  'common.save': 'Lưu',
  'common.cancel': 'Hủy',
  'common.edit': 'Sửa',
  'common.print': 'In',
  'common.back': 'Quay lại',
  'common.search': 'Tìm kiếm',
  'common.asOf': 'Xem tại ngày',
  'common.today': 'Hôm nay',
  'common.none': 'Không có',
  'common.total': 'Tổng số',
  'common.error': 'Đã có lỗi',
  'common.notFound': 'Không tìm thấy trang hoặc hồ sơ này, hoặc nó nằm ngoài phạm vi của bạn.',
  'common.offline': 'Mất kết nối mạng. Dữ liệu chưa được gửi; hãy thử lại khi có mạng.',
  'common.saved': 'Đã lưu.',
  'common.conflict': 'Hồ sơ đã được người khác sửa trong lúc bạn làm việc. Hãy tải lại để xem bản mới nhất rồi sửa lại.',
  'common.reload': 'Tải lại',
  'common.records': '{n} bản ghi',
} as const;

// The shell and the first screens' texts load with the app; the workflow screens' texts come
// in one chunk of their own (workflowMessages.ts) before any of those screens renders, which
// keeps the first visit inside its size budget (ADR 5).
const shellVi = { ...core, ...dashboard.vi, ...orgs.vi, ...members.vi, ...audit.vi };
export type MessageKey = keyof typeof shellVi | keyof typeof workflow.vi;

const coreEn: Record<keyof typeof core, string> = {
  'app.name': 'Đảng vụ',
  'app.tagline': 'Party-building management',
  'nav.dashboard': 'Overview',
  'nav.orgs': 'Organizations',
  'nav.members': 'Members',
  'nav.audit': 'Audit log',
  'nav.admissions': 'New members',
  'nav.transfers': 'Transfers',
  'nav.units': 'Villages and units',
  'nav.posts': 'Posts and cadres',
  'nav.restructure': 'Restructuring',
  'nav.meetings': 'Cell meetings',
  'nav.ratings': 'Quality ratings',
  'nav.inspections': 'Inspection',
  'nav.awards': 'Awards',
  'nav.training': 'Training',
  'nav.documents': 'Resolutions, documents',
  'nav.study': 'Resolution study',
  'nav.reports': 'Reports',
  'nav.group.members': 'Membership work',
  'nav.group.orgs': 'Organizations, cadres',
  'nav.group.quality': 'Party life, quality',
  'nav.group.study': 'Study, documents',
  'nav.menu': 'Menu',
  'settings.language': 'Language',
  'settings.largeText': 'Large text',
  'auth.login': 'Log in',
  'auth.logout': 'Log out',
  'auth.username': 'Username',
  'auth.password': 'Password',
  'auth.required': 'Please enter {field}',
  'auth.expired': 'Your session has expired. Please log in again.',
  'auth.loggedOut': 'You have logged out.',
  'common.loading': 'Loading…',
  'common.retry': 'Retry',
  'common.save': 'Save',
  'common.cancel': 'Cancel',
  'common.edit': 'Edit',
  'common.print': 'Print',
  'common.back': 'Back',
  'common.search': 'Search',
  'common.asOf': 'As of',
  'common.today': 'Today',
  'common.none': 'None',
  'common.total': 'Total',
  'common.error': 'Something went wrong',
  'common.notFound': 'This page or record was not found, or it is outside your scope.',
  'common.offline': 'No network connection. Nothing was sent; try again when you are back online.',
  'common.saved': 'Saved.',
  'common.conflict': 'Someone else changed this record while you were editing. Reload to see the latest version, then edit again.',
  'common.reload': 'Reload',
  'common.records': '{n} records',
};

const shellEn: Record<keyof typeof shellVi, string> = { ...coreEn, ...dashboard.en, ...orgs.en, ...members.en, ...audit.en };

/** Filled with the workflow texts by loadWorkflowMessages(); until then a workflow key falls back to itself. */
export const messages: Record<'vi' | 'en', Partial<Record<MessageKey, string>>> = { vi: { ...shellVi }, en: { ...shellEn } };

let loading: Promise<void> | null = null;
/** Loads the workflow screens' texts once; every later call returns the same promise. */
export function loadWorkflowMessages(): Promise<void> {
  loading ??= import('./workflowMessages').then((w) => {
    Object.assign(messages.vi, w.vi);
    Object.assign(messages.en, w.en);
  });
  return loading;
}
