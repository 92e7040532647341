import { fmtDate } from '../../ui/format';
import type { FormField } from './form';
import {
  academicTitleLabel,
  ethnicityLabel,
  occupationLabel,
  professionalLabel,
  religionLabel,
  sexLabel,
  theoryLabel,
} from './labels';

const CODED: Partial<Record<FormField, (code: string, lang: 'vi' | 'en') => string>> = {
  sex: sexLabel,
  ethnicity: ethnicityLabel,
  religion: religionLabel,
  professionalLevel: professionalLabel,
  academicTitle: academicTitleLabel,
  politicalTheory: theoryLabel,
  occupation: occupationLabel,
};
const DATES: ReadonlySet<FormField> = new Set(['birthDate', 'youthUnionOn', 'admittedOn', 'officialOn']);

/** A field's API value in words: labels for codes, dd/mm/yyyy for dates. */
export function displayValue(field: FormField, value: string | null, lang: 'vi' | 'en'): string {
  if (value === null || value === '') return '';
  if (DATES.has(field)) return fmtDate(value);
  return CODED[field]?.(value, lang) ?? value;
}
