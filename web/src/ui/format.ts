import { formatDateVi, formatNumberVi } from '@dangvu/common';

/** dd/mm/yyyy for a stored ISO date; empty for none. */
export const fmtDate = (iso: string | null | undefined): string => (iso ? formatDateVi(iso) : '');
/** 1.234,5 — Vietnamese grouping in both languages, as the official forms print it. */
export const fmtNumber = (n: number, digits?: number): string => formatNumberVi(n, digits);

/** How people type dates here; the first is how they are shown. */
export const DATE_FORMATS = ['DD/MM/YYYY', 'D/M/YYYY', 'DDMMYYYY'];
