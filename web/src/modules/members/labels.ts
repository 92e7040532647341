import {
  ACADEMIC_TITLE_LABELS,
  ethnicityByCode,
  MEMBER_EVENT_FILTER_LABELS,
  MEMBER_STATUS_LABELS,
  OCCUPATION_GROUP_LABELS,
  POLITICAL_THEORY_LABELS,
  PROFESSIONAL_QUALIFICATION_LABELS,
  RELIGION_LABELS,
  SEX_LABELS,
  STANDING_LABELS,
  type Label,
} from '@dangvu/common';

/** Looks a stored code up in one of common's label maps; unknown codes come back as themselves. */
export function codeLabel(map: Readonly<Record<string, Label>>, code: string | null | undefined, lang: 'vi' | 'en'): string {
  if (!code) return '';
  return map[code]?.[lang] ?? code;
}

export const sexLabel = (code: string | null | undefined, lang: 'vi' | 'en') => codeLabel(SEX_LABELS, code, lang);
export const religionLabel = (code: string | null | undefined, lang: 'vi' | 'en') => codeLabel(RELIGION_LABELS, code, lang);
export const eventLabel = (code: string, lang: 'vi' | 'en') => codeLabel(MEMBER_EVENT_FILTER_LABELS, code, lang);
export const ethnicityLabel = (code: string | null | undefined, lang: 'vi' | 'en'): string => {
  if (!code) return '';
  const e = ethnicityByCode(code);
  return e ? e[lang] : code;
};
export const professionalLabel = (code: string | null | undefined, lang: 'vi' | 'en') =>
  codeLabel(PROFESSIONAL_QUALIFICATION_LABELS, code, lang);
export const academicTitleLabel = (code: string | null | undefined, lang: 'vi' | 'en') => codeLabel(ACADEMIC_TITLE_LABELS, code, lang);
export const theoryLabel = (code: string | null | undefined, lang: 'vi' | 'en') => codeLabel(POLITICAL_THEORY_LABELS, code, lang);
export const occupationLabel = (code: string | null | undefined, lang: 'vi' | 'en') => codeLabel(OCCUPATION_GROUP_LABELS, code, lang);

export type StatusTone = 'good' | 'probation' | 'away' | 'ended' | 'none';
export interface StatusPart {
  /** A MEMBER_STATUS_FILTERS code, or 'non_member' for someone who never joined. */
  code: string;
  tone: StatusTone;
}

/**
 * What a member's standing and activity mean in the words of the status filter:
 * "Chính thức" or "Dự bị", plus an activity such as "Miễn sinh hoạt"; a former member
 * shows only how they left.
 */
export function memberStatus(m: { standing: string | null; activity: string | null; officialOn: string | null }): StatusPart[] {
  if (m.standing === null) return [{ code: 'non_member', tone: 'none' }];
  if (m.standing !== 'dang_sinh_hoat') return [{ code: m.standing, tone: 'ended' }];
  const parts: StatusPart[] = [m.officialOn ? { code: 'chinh_thuc', tone: 'good' } : { code: 'du_bi', tone: 'probation' }];
  const activity: Record<string, string> = { mien_sinh_hoat: 'mien_sinh_hoat', lam_an_xa: 'lam_an_xa', tam_chuyen_di: 'tam_chuyen_di' };
  const a = m.activity ? activity[m.activity] : undefined;
  if (a) parts.push({ code: a, tone: 'away' });
  return parts;
}

export function statusPartLabel(code: string, lang: 'vi' | 'en', nonMember: string): string {
  if (code === 'non_member') return nonMember;
  return codeLabel(MEMBER_STATUS_LABELS, code, lang) || codeLabel(STANDING_LABELS, code, lang);
}

export const TONE_COLORS: Record<StatusTone, string | undefined> = {
  good: 'green',
  probation: 'gold',
  away: 'orange',
  ended: 'default',
  none: 'default',
};
