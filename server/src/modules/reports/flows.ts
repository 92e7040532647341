/**
 * Ledger flows of the "tăng, giảm" form. A move inside the system counts only where it crosses
 * the subtree's edge: arriving from outside it is an addition, leaving for outside a removal.
 */
export const ADD_FLOWS = ['ket_nap', 'phuc_hoi', 'chuyen_den', 'noi_bo_den'] as const;
export const LOSS_FLOWS = ['tu_tran', 'xoa_ten', 'khai_tru', 'chuyen_di', 'khong_cong_nhan', 'noi_bo_di'] as const;
export const FLOWS = [...ADD_FLOWS, ...LOSS_FLOWS] as const;
export type Flow = (typeof FLOWS)[number];

/** The ledger kinds the flows count: each plain flow is its own kind, and both inside flows are a `chuyen_noi_bo`. */
export const isInsideFlow = (f: Flow): f is 'noi_bo_den' | 'noi_bo_di' => f === 'noi_bo_den' || f === 'noi_bo_di';
export const FLOW_KINDS: readonly string[] = [...FLOWS.filter((f) => !isInsideFlow(f)), 'chuyen_noi_bo'];
