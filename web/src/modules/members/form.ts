import { checkCccd, FIELD_LABELS_VI, personFields, SEXES, type CccdSex } from '@dangvu/common';
import dayjs, { type Dayjs } from 'dayjs';
import type { MemberDetail } from './api';

/** The fields of a person (form 2-HSĐV) that PATCH /members/:id accepts, from common's schema. */
export const PERSON_FIELDS = Object.keys(personFields.shape) as (keyof typeof personFields.shape)[];
export type PersonField = (typeof PERSON_FIELDS)[number];
/** Only creating a member sets these; afterwards they change through events. */
export const ADMISSION_FIELDS = ['orgId', 'admittedOn', 'admissionDecisionNo', 'admissionIssuer', 'officialOn', 'officialDecisionNo'] as const;
export type AdmissionField = (typeof ADMISSION_FIELDS)[number];
export type FormField = PersonField | AdmissionField;
export const FORM_FIELDS: readonly FormField[] = [...PERSON_FIELDS, ...ADMISSION_FIELDS];

/** Date pickers show dd/mm/yyyy and also accept d/m/yyyy and ddmmyyyy as typed. */
export { DATE_FORMATS } from '../../ui/format';

const DATE_FIELDS: ReadonlySet<string> = new Set(['birthDate', 'youthUnionOn', 'admittedOn', 'officialOn']);

/** What the antd form holds: text as typed, dates as dayjs (pickers show dd/mm/yyyy). */
export type MemberFormValues = Partial<Record<FormField, string | Dayjs | null | undefined>>;

/** A stored ISO date as the picker's value. */
export const isoToDayjs = (iso: string | null | undefined): Dayjs | null => (iso ? dayjs(iso) : null);

/** One form value as the API wants it: trimmed text, YYYY-MM-DD dates, null for empty. */
export function toApiValue(v: string | Dayjs | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') {
    const s = v.trim();
    return s === '' ? null : s;
  }
  return v.isValid() ? v.format('YYYY-MM-DD') : null;
}

export function toFormValues(m: MemberDetail): MemberFormValues {
  const out: MemberFormValues = {};
  for (const f of PERSON_FIELDS) {
    const v = (m as unknown as Record<string, string | null>)[f] ?? null;
    out[f] = DATE_FIELDS.has(f) ? isoToDayjs(v) : (v ?? undefined);
  }
  return out;
}

/**
 * The body of POST /members: every field, empty ones as null so the schema's defaults and
 * "optional" rules apply exactly as on the server.
 */
export function createPayload(v: MemberFormValues): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const f of FORM_FIELDS) out[f] = toApiValue(v[f]);
  if (out.religion === null) delete out.religion; // the schema's default: "Không"
  return out;
}

/**
 * The person fields the user changed, compared after normalizing both sides the same way,
 * so retyping a value or adding a trailing space is not a change. A cleared field is sent as
 * null (on the server, absent means "unchanged").
 */
export function changedFields(original: MemberDetail, v: MemberFormValues): Partial<Record<PersonField, string | null>> {
  const before = (original as unknown as Record<string, string | null | undefined>);
  const out: Partial<Record<PersonField, string | null>> = {};
  for (const f of PERSON_FIELDS) {
    const now = toApiValue(v[f]);
    const was = before[f] ?? null;
    if (now !== (typeof was === 'string' && was.trim() === '' ? null : was)) out[f] = now;
  }
  return out;
}

/**
 * Messages for the cases common's schemas leave to zod's defaults (English, technical):
 * a value missing altogether, or one not in the list. Passed per parse, so the global zod
 * configuration other screens may rely on is left alone.
 */
export function fallbackMessages(required: string, pickFromList: string) {
  return (iss: { code?: string; input?: unknown }): string | undefined => {
    // A pick list left empty is reported by zod as a bad enum value; for the user it is "required".
    if ((iss.code === 'invalid_type' || iss.code === 'invalid_value') && (iss.input === undefined || iss.input === null)) return required;
    if (iss.code === 'invalid_value') return pickFromList;
    return undefined;
  };
}

/** Field errors ready for `form.setFields`, and messages that belong to no field on screen. */
export interface ErrorPlacement {
  fields: Map<FormField, string[]>;
  general: string[];
}

const isFormField = (f: string): f is FormField => (FORM_FIELDS as readonly string[]).includes(f);

function place(into: ErrorPlacement, path: string | undefined, message: string) {
  const field = path?.split('.')[0];
  if (field && isFormField(field)) {
    const list = into.fields.get(field) ?? [];
    if (!list.includes(message)) list.push(message);
    into.fields.set(field, list);
  } else into.general.push(message);
}

/** zod issues from common's schemas, each placed beside its field. */
export function placeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): ErrorPlacement {
  const out: ErrorPlacement = { fields: new Map(), general: [] };
  for (const i of issues) place(out, i.path.map(String).join('.'), i.message);
  return out;
}

/**
 * The server's refusal, beside its field: a 400 lists every bad field in `details`, a 422
 * or 409 names one in `field`. The server prefixes validation messages with the field's
 * name ("Họ và tên: …"); beside the field that would say it twice.
 */
export function placeServerError(e: { message: string; field?: string; details?: unknown }): ErrorPlacement {
  const out: ErrorPlacement = { fields: new Map(), general: [] };
  const details = Array.isArray(e.details) ? (e.details as unknown[]) : [];
  const listed = details.filter(
    (d): d is { field: string; message: string } =>
      !!d && typeof d === 'object' && typeof (d as { field?: unknown }).field === 'string' && typeof (d as { message?: unknown }).message === 'string',
  );
  if (listed.length) for (const d of listed) place(out, d.field, stripFieldLabel(d.field, d.message));
  else place(out, e.field, e.field ? stripFieldLabel(e.field, e.message) : e.message);
  return out;
}

export function stripFieldLabel(field: string, message: string): string {
  const label = FIELD_LABELS_VI[field.split('.')[0] ?? ''];
  return label && message.startsWith(`${label}: `) ? message.slice(label.length + 2) : message;
}

/**
 * CCCD problems in Vietnamese, checked against the sex and birth year on the form. While the
 * number is still being typed, each part is checked as soon as it is complete: the province
 * after 3 digits, sex and century after 4, the birth year after 6.
 */
export function cccdProblems(value: unknown, sex: unknown, birthDate: unknown, typing: boolean): string[] {
  const v = typeof value === 'string' ? value.trim() : '';
  if (!v) return [];
  const knownSex = (SEXES as readonly unknown[]).includes(sex) ? (sex as CccdSex) : null;
  const birthYear = dayjs.isDayjs(birthDate) && birthDate.isValid() ? birthDate.year() : null;
  if (typing && /^\d{1,11}$/.test(v)) {
    if (v.length < 3) return [];
    const issues = checkCccd(v.padEnd(12, '0'), {
      sex: v.length >= 4 ? knownSex : null,
      birthYear: v.length >= 6 ? birthYear : null,
    });
    return issues.filter((i) => i.code !== 'CCCD_BIRTH_YEAR' || v.length >= 6).map((i) => i.message);
  }
  return checkCccd(v, { sex: knownSex, birthYear }).map((i) => i.message);
}
