import { COVERAGE_GROUP_KINDS, COVERAGE_GROUPS, formatDateVi, MIN_FULL_MEMBERS, phanTramVi, ratio, reportTypeInfo, soVi, type CoverageGroup, type UnitOnDate } from '@dangvu/common';
import { unitsOn } from '../../cadres/hostUnits.queries.js';
import type { ReportDefinition } from '../context.js';
import { fig } from '../figures.js';
import { shareTable } from '../tables.js';

export const GROUP_TITLES: Record<CoverageGroup, string> = {
  villages: 'Thôn, bản, tổ dân phố, khu dân cư',
  schools: 'Trường học',
  health: 'Trạm y tế',
};

/** The coverage classes a figure counts; the drill-down filters the same units with the same test. */
export const UNIT_CLASSES: Record<string, { label: string; test: (u: UnitOnDate) => boolean }> = {
  all: { label: 'Tổng số đơn vị', test: () => true },
  has: { label: 'Có chi bộ', test: (u) => u.link !== 'none' },
  own: { label: 'Có chi bộ riêng', test: (u) => u.link === 'own' },
  shared: { label: 'Sinh hoạt ghép với đơn vị khác', test: (u) => u.link === 'shared' },
  none: { label: 'Chưa có chi bộ ("trắng" tổ chức đảng)', test: (u) => u.link === 'none' },
  nomember: { label: 'Chưa có đảng viên ("trắng" đảng viên)', test: (u) => u.members === 0 },
  small: { label: `Chi bộ chưa đủ ${MIN_FULL_MEMBERS} đảng viên chính thức`, test: (u) => u.cellOrgId !== null && u.fullMembers < MIN_FULL_MEMBERS },
};

/** Độ phủ tổ chức đảng (COV): host units on a date as the register then stood, and the cells serving them. */
export const coverage: ReportDefinition = {
  info: reportTypeInfo('bao-phu')!,
  async build(rc) {
    if (rc.period.kind !== 'asOf') throw new Error('as-of report');
    const d = rc.period.asOf;
    const prefixes = await rc.prefixesOn(d);
    const tables = [];
    const narrative: string[] = [];
    for (const g of COVERAGE_GROUPS) {
      const units = await unitsOn(rc.db, d, prefixes, COVERAGE_GROUP_KINDS[g]);
      const count = (c: string) => units.filter(UNIT_CLASSES[c]!.test).length;
      tables.push(
        shareTable(
          g,
          GROUP_TITLES[g],
          units.length,
          Object.entries(UNIT_CLASSES).map(([c, { label }]) => ({ key: c, label, n: count(c), figure: fig('u', { d, grp: g, st: c }), ...(c === 'all' ? {} : { level: 1 }) })),
        ),
      );
      if (units.length) narrative.push(`${GROUP_TITLES[g]}: ${soVi(count('has'))}/${soVi(units.length)} đơn vị có chi bộ (${phanTramVi(ratio(count('has'), units.length).percent, 2)}), trong đó ${soVi(count('own'))} có chi bộ riêng.`);
    }
    return {
      form: 'Độ phủ tổ chức đảng (seed-extraction §4 COV)',
      tables,
      narrative: [`Tại ngày ${formatDateVi(d)}, ${rc.orgName}:`, ...narrative],
      notes: [
        'Danh mục thôn, bản, tổ dân phố, trường học, trạm y tế theo sổ đơn vị như đã có hiệu lực vào ngày báo cáo (kể cả đơn vị sau này đã sáp nhập).',
        'Chi bộ riêng: chi bộ chỉ phục vụ một đơn vị; ghép: một chi bộ phục vụ nhiều đơn vị. Đảng viên đếm theo chi bộ phục vụ đơn vị.',
      ],
    };
  },
};
