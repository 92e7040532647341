import { Select, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { fmtDate } from '../../ui/format';
import { usePeoplePicks } from '../documents/api';

interface Props {
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
  ariaLabel: string;
  testId?: string;
}

/** A person on file in the user's scope (member or not), found by typing part of the name. */
export function PersonPicker({ value, onChange, id, ariaLabel, testId }: Props) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const people = usePeoplePicks(q);
  // The chosen person's label stays when the search moves on.
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const options = useMemo(() => {
    const found = (people.data?.items ?? []).map((p) => ({
      value: p.id,
      label: `${p.fullName} · ${fmtDate(p.birthDate)}${p.orgName ? ` · ${p.orgName}` : ''}${p.standing ? '' : ` · ${t('awards.nonMember')}`}`,
    }));
    return chosen && !found.some((o) => o.value === chosen.value) ? [chosen, ...found] : found;
  }, [people.data, chosen, t]);
  return (
    <Select<string>
      id={id}
      showSearch
      allowClear
      value={value}
      onChange={(v) => {
        setChosen(options.find((o) => o.value === v) ?? null);
        onChange?.(v);
      }}
      filterOption={false}
      onSearch={setQ}
      aria-label={ariaLabel}
      placeholder={t('awards.f.personSearch')}
      notFoundContent={people.isFetching ? <Spin size="small" /> : null}
      options={options}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
