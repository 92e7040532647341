import { CloseOutlined, FilterOutlined } from '@ant-design/icons';
import {
  AGE_BAND_LABELS,
  AGE_BANDS,
  ETHNICITIES,
  foldVietnamese,
  MEMBER_STATUS_FILTERS,
  MEMBER_STATUS_LABELS,
  POLITICAL_THEORY_LABELS,
  SEX_LABELS,
  SEXES,
} from '@dangvu/common';
import { Button, Col, Row, Select, Space } from 'antd';
import { useId, useState, type ReactNode } from 'react';
import { useI18n } from '../../../app/i18n';
import { IsoDatePicker } from '../../../ui/IsoDatePicker';
import { activeFilterCount, STATUSES_AS_OF, THEORY_FILTERS, todayLocalIso, type FilterKey, type MemberFilters } from '../filters';
import { eventLabel } from '../labels';
import { OrgTreeSelect } from './OrgTreeSelect';

interface Props {
  filters: MemberFilters;
  narrow: boolean;
  onChange: (patch: Partial<Record<FilterKey, string | undefined>>) => void;
  onClear: () => void;
}

const foldedIncludes = (input: string, label: unknown) => foldVietnamese(String(label ?? '')).includes(foldVietnamese(input));

/** The list's filters, each with a visible label; folded away on a phone until asked for. */
export function MemberFilterBar({ filters, narrow, onChange, onClear }: Props) {
  const { t, label, lang } = useI18n();
  const uid = useId();
  const count = activeFilterCount(filters);
  const [open, setOpen] = useState(count > 0);
  const shown = !narrow || open;
  const past = !!filters.asOf && filters.asOf !== todayLocalIso();
  const ids = {
    status: `${uid}-status`,
    sex: `${uid}-sex`,
    ethnicity: `${uid}-ethnicity`,
    ageBand: `${uid}-age`,
    theory: `${uid}-theory`,
    org: `${uid}-org`,
    asOf: `${uid}-asof`,
    panel: `${uid}-panel`,
  };

  const field = (id: string, text: string, control: ReactNode, wide = false) => (
    <Col xs={24} sm={12} lg={wide ? 12 : 8} xl={wide ? 12 : 6}>
      <label htmlFor={id} className="dv-m-filter-label">
        {text}
      </label>
      {control}
    </Col>
  );

  return (
    <section aria-label={t('members.filter.title')} className="dv-m-filters">
      {narrow && (
        <Button icon={<FilterOutlined />} aria-expanded={open} aria-controls={ids.panel} onClick={() => setOpen((v) => !v)} block>
          {count > 0 ? t('members.filter.toggleN', { n: count }) : t('members.filter.toggle')}
        </Button>
      )}
      <div id={ids.panel} hidden={!shown}>
        <Row gutter={[12, 12]} style={{ marginTop: narrow ? 12 : 0 }}>
          {field(
            ids.status,
            t('members.f.status'),
            <Select
              id={ids.status}
              allowClear
              style={{ width: '100%' }}
              value={filters.status}
              placeholder={filters.eventKind ? t('members.filter.anyStatus') : t('members.filter.statusDefault')}
              onChange={(v?: string) => onChange({ status: v })}
              options={MEMBER_STATUS_FILTERS.map((s) => ({
                value: s,
                label: label(MEMBER_STATUS_LABELS[s]),
                // On a past date the server only knows grade, not activity or how someone left.
                disabled: past && !(STATUSES_AS_OF as readonly string[]).includes(s),
              }))}
            />,
          )}
          {field(
            ids.sex,
            t('members.f.sex'),
            <Select
              id={ids.sex}
              allowClear
              style={{ width: '100%' }}
              value={filters.sex}
              placeholder={t('members.filter.all')}
              onChange={(v?: string) => onChange({ sex: v })}
              options={SEXES.map((s) => ({ value: s, label: label(SEX_LABELS[s]) }))}
            />,
          )}
          {field(
            ids.ethnicity,
            t('members.f.ethnicity'),
            <Select
              id={ids.ethnicity}
              allowClear
              showSearch
              style={{ width: '100%' }}
              value={filters.ethnicity}
              placeholder={t('members.filter.all')}
              onChange={(v?: string) => onChange({ ethnicity: v })}
              filterOption={(input, opt) => foldedIncludes(input, opt?.label)}
              options={ETHNICITIES.map((e) => ({ value: e.code, label: e[lang] }))}
            />,
          )}
          {field(
            ids.ageBand,
            t('members.f.ageBand'),
            <Select
              id={ids.ageBand}
              allowClear
              style={{ width: '100%' }}
              value={filters.ageBand}
              placeholder={t('members.filter.all')}
              onChange={(v?: string) => onChange({ ageBand: v })}
              options={AGE_BANDS.map((a) => ({ value: a, label: label(AGE_BAND_LABELS[a]) }))}
            />,
          )}
          {field(
            ids.theory,
            t('members.f.politicalTheory'),
            <Select
              id={ids.theory}
              allowClear
              style={{ width: '100%' }}
              value={filters.theory}
              placeholder={t('members.filter.all')}
              onChange={(v?: string) => onChange({ theory: v })}
              options={THEORY_FILTERS.map((th) => ({
                value: th,
                label: th === 'khong' ? t('members.theory.none') : label(POLITICAL_THEORY_LABELS[th]),
              }))}
            />,
          )}
          {field(
            ids.asOf,
            t('common.asOf'),
            <IsoDatePicker id={ids.asOf} value={filters.asOf} placeholder={t('common.today')} onChange={(asOf) => onChange({ asOf })} />,
          )}
          {field(
            ids.org,
            t('members.f.org'),
            <OrgTreeSelect
              id={ids.org}
              value={filters.org}
              placeholder={t('members.filter.allScope')}
              onChange={(v) => onChange({ org: v })}
            />,
            true,
          )}
        </Row>
        <Space wrap style={{ marginTop: 12 }}>
          {filters.admittedYear && (
            <RemovableFilter
              text={t('members.filter.admittedYear', { year: filters.admittedYear })}
              removeLabel={t('members.filter.remove')}
              onRemove={() => onChange({ admittedYear: undefined })}
            />
          )}
          {filters.eventKind && (
            <RemovableFilter
              text={
                filters.eventYear
                  ? t('members.filter.eventInYear', { event: eventLabel(filters.eventKind, lang), year: filters.eventYear })
                  : t('members.filter.event', { event: eventLabel(filters.eventKind, lang) })
              }
              removeLabel={t('members.filter.remove')}
              onRemove={() => onChange({ eventKind: undefined, eventYear: undefined })}
            />
          )}
          {(count > 0 || filters.asOf || filters.q) && <Button onClick={onClear}>{t('members.filter.clear')}</Button>}
        </Space>
      </div>
    </section>
  );
}

/** A filter that only arrives by link (admission year, event); shown so the user knows the list is narrowed. */
function RemovableFilter({ text, removeLabel, onRemove }: { text: string; removeLabel: string; onRemove: () => void }) {
  return (
    <Button icon={<CloseOutlined />} iconPosition="end" onClick={onRemove} aria-label={`${removeLabel}: ${text}`}>
      {text}
    </Button>
  );
}
