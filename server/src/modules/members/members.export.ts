import { formatDateVi, MEMBER_STATUS_LABELS, SEX_LABELS, ethnicityByCode, type MemberListQuery } from '@dangvu/common';
import type { RequestCtx } from '../../platform/context.js';
import type { MembersService } from './members.service.js';

/** Spreadsheet programs run cells starting with these as formulas; user data must stay text. */
export function csvCell(v: string | number | null | undefined): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const HEADER = ['STT', 'Họ và tên', 'Giới tính', 'Ngày sinh', 'Dân tộc', 'Số CCCD', 'Số thẻ đảng viên', 'Chi bộ', 'Ngày vào Đảng', 'Ngày chính thức', 'Trạng thái'];

/**
 * The member list as CSV, page by page through the same scoped list as the screen,
 * so an export can never hold a row the list would not show.
 */
export async function* exportMembersCsv(svc: MembersService, ctx: RequestCtx, q: Omit<MemberListQuery, 'page' | 'pageSize'>): AsyncGenerator<string> {
  let res = await svc.list(ctx, { ...q, page: 1, pageSize: 200 });
  yield '\uFEFF' + HEADER.join(',') + '\r\n';
  let n = 0;
  for (let page = 1; ; page++) {
    if (page > 1) res = await svc.list(ctx, { ...q, page, pageSize: 200 });
    for (const m of res.items) {
      const status = m.standing === 'dang_sinh_hoat' ? (m.officialOn && m.officialOn <= res.asOf ? 'chinh_thuc' : 'du_bi') : m.standing;
      yield [
        ++n,
        m.fullName,
        SEX_LABELS[m.sex as 'nam' | 'nu']?.vi ?? m.sex,
        formatDateVi(m.birthDate),
        ethnicityByCode(m.ethnicity)?.vi ?? m.ethnicity,
        m.cccd,
        m.cardNo,
        m.orgName,
        m.admittedOn ? formatDateVi(m.admittedOn) : '',
        m.officialOn ? formatDateVi(m.officialOn) : '',
        status ? (MEMBER_STATUS_LABELS[status as keyof typeof MEMBER_STATUS_LABELS]?.vi ?? status) : 'Quần chúng',
      ]
        .map(csvCell)
        .join(',') + '\r\n';
    }
    // Not `total`: a search's total stops at a cap, an export never does.
    if (res.items.length < 200) break;
  }
}
