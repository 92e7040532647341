import type { DuplicateHint, MemberDetailOut } from '@dangvu/common';
import type { PersonRow } from '../../db/schema.js';

type SummaryRow = Pick<
  PersonRow,
  'id' | 'full_name' | 'sex' | 'birth_date' | 'ethnicity' | 'cccd' | 'card_no' | 'org_id' | 'standing' | 'activity' | 'admitted_on' | 'official_on'
> & { org_name: string | null; episode_org_id?: string };

export function toSummary(r: SummaryRow) {
  return {
    id: r.id,
    fullName: r.full_name,
    sex: r.sex,
    birthDate: r.birth_date,
    ethnicity: r.ethnicity,
    cccd: r.cccd,
    cardNo: r.card_no,
    // On a past date the member is listed where they were then.
    orgId: r.episode_org_id ?? r.org_id,
    orgName: r.org_name,
    standing: r.standing,
    activity: r.activity,
    admittedOn: r.admitted_on,
    officialOn: r.official_on,
  };
}

export function toDetail(r: PersonRow, orgName: string | null, duplicates: DuplicateHint[]): MemberDetailOut {
  return {
    ...toSummary({ ...r, org_name: orgName }),
    otherNames: r.other_names,
    birthplace: r.birthplace,
    hometown: r.hometown,
    residence: r.residence,
    religion: r.religion,
    generalEducation: r.general_education,
    professionalLevel: r.professional_level,
    academicTitle: r.academic_title,
    politicalTheory: r.political_theory,
    foreignLanguage: r.foreign_language,
    itLevel: r.it_level,
    occupation: r.occupation,
    youthUnionOn: r.youth_union_on,
    fileNo: r.file_no,
    sponsors: r.sponsors,
    admittedOrgId: r.admitted_org_id,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    duplicates,
  };
}
