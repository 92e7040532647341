import { addMonths, ageOn, checkCccd, todayIso, type PersonFields } from '@dangvu/common';
import { unprocessable } from '../../platform/errors.js';

const fmt = (iso: string) => iso.split('-').reverse().join('/');
export const MIN_ADMISSION_AGE = 18;

/** Impossible records are refused before anything is written; each refusal names its field. */
export function checkPerson(p: Pick<PersonFields, 'birthDate' | 'sex' | 'cccd' | 'youthUnionOn'>): void {
  const today = todayIso();
  if (p.birthDate > today) throw unprocessable('BIRTH_DATE_IN_FUTURE', 'Ngày sinh không được sau ngày hôm nay.', 'birthDate');
  if (p.birthDate < '1900-01-01') throw unprocessable('BIRTH_DATE_TOO_EARLY', 'Ngày sinh không được trước năm 1900.', 'birthDate');
  if (p.cccd) {
    const issues = checkCccd(p.cccd, { sex: p.sex, birthYear: Number(p.birthDate.slice(0, 4)) });
    if (issues[0]) throw unprocessable(issues[0].code, issues[0].message, 'cccd');
  }
  if (p.youthUnionOn) {
    if (p.youthUnionOn > today) throw unprocessable('DATE_IN_FUTURE', 'Ngày vào Đoàn không được sau ngày hôm nay.', 'youthUnionOn');
    if (ageOn(p.birthDate, p.youthUnionOn) < 14)
      throw unprocessable('YOUTH_UNION_TOO_YOUNG', 'Ngày vào Đoàn phải khi đã đủ 14 tuổi.', 'youthUnionOn');
  }
}

export function checkAdmission(birthDate: string, admittedOn: string, officialOn: string | null): void {
  const today = todayIso();
  if (admittedOn > today) throw unprocessable('DATE_IN_FUTURE', 'Ngày kết nạp không được sau ngày hôm nay.', 'admittedOn');
  if (ageOn(birthDate, admittedOn) < MIN_ADMISSION_AGE)
    throw unprocessable(
      'ADMITTED_UNDER_AGE',
      `Ngày kết nạp ${fmt(admittedOn)} khi người này chưa đủ ${MIN_ADMISSION_AGE} tuổi (sinh ${fmt(birthDate)}).`,
      'admittedOn',
    );
  if (officialOn) {
    if (officialOn > today) throw unprocessable('DATE_IN_FUTURE', 'Ngày công nhận chính thức không được sau ngày hôm nay.', 'officialOn');
    const earliest = addMonths(admittedOn, 12);
    if (officialOn < earliest)
      throw unprocessable(
        'PROBATION_TOO_SHORT',
        `Ngày công nhận chính thức phải sau ngày kết nạp ít nhất 12 tháng (sớm nhất ${fmt(earliest)}).`,
        'officialOn',
      );
  }
}

/** Events must fall inside the person's life and not in the future. */
export function checkEventDate(birthDate: string, effectiveDate: string): void {
  if (effectiveDate > todayIso()) throw unprocessable('DATE_IN_FUTURE', 'Ngày hiệu lực không được sau ngày hôm nay.', 'effectiveDate');
  if (effectiveDate < birthDate) throw unprocessable('EVENT_BEFORE_BIRTH', 'Ngày hiệu lực không được trước ngày sinh.', 'effectiveDate');
}
