import { useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client';

export const AGE_BAND_KEYS = ['le30', '31_40', '41_50', '51_60', '61_70', 'gt70'] as const;
export type AgeBandKey = (typeof AGE_BAND_KEYS)[number];
export const THEORY_KEYS = ['so_cap', 'trung_cap', 'cao_cap', 'cu_nhan', 'khong'] as const;
export type TheoryKey = (typeof THEORY_KEYS)[number];
export const LOSS_KEYS = ['tu_tran', 'xoa_ten', 'khai_tru', 'chuyen_di', 'khong_cong_nhan'] as const;
export type LossKey = (typeof LOSS_KEYS)[number];
export const COVERAGE_KEYS = ['ownCell', 'sharedCell', 'noCell', 'noMember'] as const;
export type CoverageKey = (typeof COVERAGE_KEYS)[number];

export interface Gap {
  hostUnitId: string;
  name: string;
  kind: string;
  /** The cell serving the unit, when there is one (a unit with a cell but no member). */
  orgId: string | null;
  communeName: string;
  problem: 'no_cell' | 'no_member';
}

export interface Dashboard {
  asOf: string;
  org: { orgId: string; name: string } | null;
  totals: { members: number; chinhThuc: number; duBi: number; admissionsThisYear: number; orgsByKind: Record<string, number> };
  bySex: Record<string, number>;
  byEthnicity: Record<string, number>;
  byAgeBand: Partial<Record<AgeBandKey, number>>;
  byTheory: Partial<Record<TheoryKey, number>>;
  flows: { year: number; admitted: number; lost: Partial<Record<LossKey, number>>; lostTotal: number }[];
  coverage: { total: number; ownCell: number; sharedCell: number; noCell: number; noMember: number };
  gaps: Gap[];
}

export function useDashboard(org: string | undefined, asOf: string | undefined) {
  return useQuery({
    queryKey: ['dashboard', org ?? 'scope', asOf ?? 'today'],
    queryFn: () => api<Dashboard>('GET', `/dashboard${qs({ org, asOf })}`),
    placeholderData: (prev) => prev,
  });
}
