import { useI18n } from '../../app/i18n';
import { IsoDatePicker } from '../../ui/IsoDatePicker';
import { OrgPicker } from './OrgPicker';


export interface FiltersProps {
  org: string | undefined;
  orgName: string | undefined;
  asOf: string | undefined;
  /** The control the user activated: it opens and takes the focus as soon as it is loaded. */
  openFirst: 'org' | 'date' | null;
  onOrg: (org: string | undefined) => void;
  onAsOf: (asOf: string | undefined) => void;
}

/**
 * The organization and date pickers. They weigh more than the rest of the dashboard together,
 * so this module loads only when the user reaches for one of them (see FilterStubs).
 */
export default function Filters({ org, orgName, asOf, openFirst, onOrg, onAsOf }: FiltersProps) {
  const { t } = useI18n();
  return (
    <>
      <div className="dv-filter">
        <label htmlFor="dash-org">{t('dash.org')}</label>
        <OrgPicker id="dash-org" value={org} valueName={orgName} asOf={asOf} onChange={onOrg} autoOpen={openFirst === 'org'} />
      </div>
      <div className="dv-filter dv-filter-date">
        <label htmlFor="dash-asof">{t('common.asOf')}</label>
        <IsoDatePicker id="dash-asof" value={asOf} onChange={onAsOf} autoFocus={openFirst === 'date'} defaultOpen={openFirst === 'date'} />
      </div>
    </>
  );
}
