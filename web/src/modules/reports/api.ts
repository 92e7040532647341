import type { DrillPage, ReportResult, ReportTypeInfo } from '@dangvu/common';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, qs } from '../../api/client';

export interface ReportParams {
  org?: string;
  asOf?: string;
  from?: string;
  to?: string;
  baseline?: string;
}


export const useReportTypes = () =>
  useQuery({ queryKey: ['reports'], queryFn: () => api<{ types: ReportTypeInfo[]; waiting: ReportTypeInfo[] }>('GET', '/reports'), staleTime: Infinity });

export const useReport = (type: string, p: ReportParams) =>
  useQuery({ queryKey: ['report', type, p], queryFn: () => api<ReportResult>('GET', `/reports/${type}${qs({ ...p })}`), placeholderData: keepPreviousData });

export const useDrill = (type: string, p: ReportParams, figure: string | null, page: number) =>
  useQuery({
    queryKey: ['report-drill', type, p, figure, page],
    queryFn: () => api<DrillPage>('GET', `/reports/${type}/drill${qs({ ...p, figure, page, pageSize: 50 })}`),
    enabled: !!figure,
    placeholderData: keepPreviousData,
  });

export const useCompare = (type: string, p: ReportParams & { compareAsOf?: string; compareFrom?: string; compareTo?: string }, enabled: boolean) =>
  useQuery({
    queryKey: ['report-compare', type, p],
    queryFn: () => api<{ a: ReportResult; b: ReportResult; diff: Record<string, number | null> }>('GET', `/reports/${type}/compare${qs({ ...p })}`),
    enabled,
  });

export const useTrend = (type: string, p: ReportParams, enabled: boolean) =>
  useQuery({
    queryKey: ['report-trend', type, p],
    queryFn: () =>
      api<{ series: { year: number; figures: Record<string, number | null> }[]; rows: { key: string; table: string; label: string; columns: string[] }[] }>('GET', `/reports/${type}/trend${qs({ ...p, years: 10 })}`),
    enabled,
    staleTime: 60_000,
  });

/** Where an export of the report (or of a figure's records) is downloaded from. */
export const exportUrl = (type: string, format: string, p: ReportParams) => `/api/v1/reports/${type}/export.${format}${qs({ ...p })}`;
export const drillExportUrl = (type: string, format: string, p: ReportParams, figure: string) => `/api/v1/reports/${type}/drill/export.${format}${qs({ ...p, figure })}`;
