import { countCell, formatDateVi, reportTypeInfo, ROTATION_KIND_LABELS, ROTATION_KINDS, soVi, type Row } from '@dangvu/common';
import type { ReportContext, ReportDefinition } from '../context.js';
import { fig } from '../figures.js';
import { rotationsIn } from '../populations.js';

export const LEVELS: Record<string, string> = { tinh: 'cấp tỉnh', huyen: 'cấp huyện', xa: 'cấp xã', co_so: 'cơ sở' };

/** Which level an organization of a kind (and host type) is, for "từ cấp huyện về cấp xã". */
export function levelOf(kind: string | null, host: string | null): string {
  if (kind === 'dang_bo_tinh') return 'tinh';
  if (kind === 'dang_bo_huyen' || kind === 'dang_uy_khoi') return 'huyen';
  if (kind === 'dang_uy_xa' || host === 'xa_phuong') return 'xa';
  return 'co_so';
}

/** Rotations in the window with both sides as they stood on the day. */
export async function rotationRows(rc: ReportContext, from: string, to: string) {
  const rows = await rotationsIn(rc.db, from, to, await rc.windowPrefixes(from, to))
    .leftJoin('organization_version as fv', (j) =>
      j.onRef('fv.org_id', '=', 'r.from_org_id').onRef('fv.valid_from', '<=', 'r.effective_date').on((eb) => eb.or([eb('fv.valid_to', 'is', null), eb('fv.valid_to', '>', eb.ref('r.effective_date'))])),
    )
    .leftJoin('organization_version as tv', (j) =>
      j.onRef('tv.org_id', '=', 'r.to_org_id').onRef('tv.valid_from', '<=', 'r.effective_date').on((eb) => eb.or([eb('tv.valid_to', 'is', null), eb('tv.valid_to', '>', eb.ref('r.effective_date'))])),
    )
    .select(['r.id', 'r.kind', 'r.effective_date', 'r.decision_no', 'p.full_name', 'p.sort_key', 'fv.name as from_name', 'fv.kind as from_kind', 'fv.host_type as from_host', 'tv.name as to_name', 'tv.kind as to_kind', 'tv.host_type as to_host'])
    .orderBy('r.effective_date')
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({ ...r, dir: `${levelOf(r.from_kind, r.from_host)}-${levelOf(r.to_kind, r.to_host)}` }));
}

/** Luân chuyển, điều động, tăng cường cán bộ (ROT) in a window, by kind and by direction between levels. */
export const rotations: ReportDefinition = {
  info: reportTypeInfo('luan-chuyen')!,
  async build(rc) {
    if (rc.period.kind !== 'window') throw new Error('window report');
    const { from, to } = rc.period;
    const rows = await rotationRows(rc, from, to);
    const r = (p: Record<string, string> = {}) => fig('r', { f: from, t: to, ...p });
    const dirs = [...new Set(rows.map((x) => x.dir))].sort();
    const line = (key: string, label: string, n: number, figure: string, level?: number): Row => ({ key, label, ...(level ? { level } : {}), cells: { n: countCell(n, figure) } });
    const down = rows.filter((x) => x.dir === 'huyen-xa').length;
    return {
      form: 'Luân chuyển, điều động, tăng cường cán bộ (seed-extraction §4 ROT)',
      tables: [
        {
          id: 'hinh_thuc',
          title: 'I. Theo hình thức',
          columns: [{ key: 'n', label: 'Số lượt', kind: 'count' }],
          rows: [line('tong', 'Tổng số', rows.length, r()), ...ROTATION_KINDS.map((k) => line(k, ROTATION_KIND_LABELS[k].vi, rows.filter((x) => x.kind === k).length, r({ kind: k }), 1))],
        },
        {
          id: 'huong',
          title: 'II. Theo hướng (nơi đi → nơi đến)',
          columns: [{ key: 'n', label: 'Số lượt', kind: 'count' }],
          rows: dirs.map((dir) => {
            const [a, b] = dir.split('-') as [string, string];
            return line(dir, `Từ ${LEVELS[a]} đến ${LEVELS[b]}`, rows.filter((x) => x.dir === dir).length, r({ dir }));
          }),
        },
      ],
      narrative: [`Từ ngày ${formatDateVi(from)} đến ${formatDateVi(to)}, ${rc.orgName} đã luân chuyển, điều động, tăng cường ${soVi(rows.length)} lượt cán bộ, trong đó ${soVi(down)} lượt từ cấp huyện về cấp xã.`],
      notes: ['Mỗi quyết định luân chuyển, điều động, tăng cường tính một lượt, theo ngày hiệu lực; thuộc phạm vi nếu nơi đi hoặc nơi đến thuộc phạm vi vào ngày đó.'],
    };
  },
};
