import { Button, Space } from 'antd';
import dayjs from 'dayjs';
import { Fragment, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { qs } from '../../api/client';
import { useI18n } from '../../app/i18n';
import { fmtNumber } from '../../ui/format';
import { IsoDatePicker } from '../../ui/IsoDatePicker';

const ISO = 'YYYY-MM-DD';

/** "Xem tại ngày": a labelled DD/MM/YYYY picker; clearing it means today. */
export function AsOfPicker({ id, value, onChange }: { id: string; value: string | undefined; onChange: (iso: string | undefined) => void }) {
  const { t } = useI18n();
  return (
    <div className="ov-field ov-field-date">
      <label htmlFor={id}>{t('common.asOf')}</label>
      <IsoDatePicker id={id} value={value} onChange={onChange} />
    </div>
  );
}

/** Reads and writes one search parameter, keeping the others (the URL is the screen's state). */
export function useParam(key: string): [string | undefined, (v: string | undefined, replace?: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const set = (v: string | undefined, replace = false) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (v) next.set(key, v);
        else next.delete(key);
        return next;
      },
      { replace },
    );
  return [params.get(key) ?? undefined, set];
}

/** Fills "{name}" slots of a translated sentence with elements (links), keeping word order per language. */
export function interpolate(template: string, parts: Record<string, ReactNode>): ReactNode {
  const out = template.split(/\{(\w+)\}/g);
  return out.map((piece, i) => <Fragment key={i}>{i % 2 === 1 ? (parts[piece] ?? `{${piece}}`) : piece}</Fragment>);
}

/** Validity ends are exclusive ([from, to)); people read the last day the version was in force. */
export const lastDay = (validTo: string): string => dayjs(validTo, ISO).subtract(1, 'day').format(ISO);

export const orgHref = (id: string, asOf: string | undefined): string => `/orgs/${id}${qs({ asOf })}`;

/** "Showing 100 of 1.535 [Show more]" under a long client-side list. */
export function More({ shown, total, onMore }: { shown: number; total: number; onMore: () => void }) {
  const { t } = useI18n();
  if (total <= shown) return null;
  return (
    <Space wrap className="ov-more">
      <span>{t('orgs.shown', { shown: fmtNumber(shown), total: fmtNumber(total) })}</span>
      <Button onClick={onMore}>{t('orgs.showMore')}</Button>
    </Space>
  );
}
