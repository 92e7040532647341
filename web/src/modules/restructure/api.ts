import type { PlanPreview, RestructureEffects } from '@dangvu/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export type { PlanPreview, RestructureEffects };

export interface ApplyResult {
  eventIds: string[];
  orgId: string | null;
  effects: RestructureEffects;
}
export interface PlanApplyResult {
  planId: string;
  fileName: string;
  eventIds: string[];
  effects: RestructureEffects;
}
export interface PlanFile {
  fileName: string;
  content: string;
}
export interface AppliedPlan {
  planId: string;
  fileName: string;
  at: string;
  username: string | null;
  rowCount: number;
  eventCount: number;
  effectiveDates: string[];
}

// Previews are HTTP QUERY requests: safe to repeat, but they carry the operation as a body.
export const previewOp = (op: Record<string, unknown>) => api<RestructureEffects>('QUERY', '/restructure/preview', op);
export const applyOp = (op: Record<string, unknown>) => api<ApplyResult>('POST', '/restructure/apply', op);
export const previewPlan = (file: PlanFile) => api<PlanPreview>('QUERY', '/restructure/plans/preview', file);
export const applyPlan = (file: PlanFile) => api<PlanApplyResult>('POST', '/restructure/plans', file);

export function useAppliedPlans() {
  return useQuery({ queryKey: ['restructure', 'plans'], queryFn: () => api<{ items: AppliedPlan[] }>('GET', '/restructure/plans') });
}

/** After a change, every tree, organization and member list may read differently. */
export function useAfterApply() {
  const qc = useQueryClient();
  return () => Promise.all([qc.invalidateQueries({ queryKey: ['orgs'] }), qc.invalidateQueries({ queryKey: ['members'] }), qc.invalidateQueries({ queryKey: ['restructure'] })]);
}

/** The file as base64, the way the plan routes take it (JSON keeps CSRF and validation as for every write). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}
