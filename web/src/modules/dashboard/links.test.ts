import { describe, expect, it } from 'vitest';
import { admittedHref, coverageHref, lostHref, lostTotalHref, membersHref, orgsByKindHref } from './links';

const s = { org: 'org-1', asOf: '2020-12-31' };

describe('drill-down links', () => {
  it('carry date, organization and the one dimension clicked', () => {
    expect(membersHref(s, { sex: 'nu' })).toBe('/members?asOf=2020-12-31&org=org-1&sex=nu');
    expect(membersHref({ org: undefined, asOf: '2020-12-31' }, { status: 'du_bi' })).toBe('/members?asOf=2020-12-31&status=du_bi');
    expect(admittedHref(s, 2023)).toBe('/members?eventKind=ket_nap&eventYear=2023&org=org-1');
    expect(lostTotalHref(s, 2023)).toBe('/members?eventKind=giam&eventYear=2023&org=org-1');
    expect(orgsByKindHref(s, 'chi_bo_truc_thuoc')).toBe('/orgs?kind=chi_bo_truc_thuoc&asOf=2020-12-31&org=org-1');
    expect(coverageHref(s, 'noCell')).toBe('/orgs?coverage=noCell&asOf=2020-12-31&org=org-1');
  });
  it('send losses to the people left in that standing by that event in that year', () => {
    expect(lostHref(s, 2023, 'tu_tran')).toBe('/members?eventKind=tu_tran&eventYear=2023&org=org-1&status=tu_tran');
    expect(lostHref(s, 2023, 'chuyen_di')).toBe('/members?eventKind=chuyen_di&eventYear=2023&org=org-1&status=da_chuyen_di');
  });
});
