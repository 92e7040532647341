import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client';

/**
 * Puts each message on its form field ("targets.0.value" → ['targets', 0, 'value']); messages
 * for fields the form does not show come back as one general message. The same placement
 * serves the zod check before sending and the server's answer after.
 */
export function placeErrors(form: FormInstance, known: readonly string[], entries: [string, string][]): string | null {
  const rest: string[] = [];
  const seen = new Set<string>();
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const [path, msg] of entries) {
    const name = path.split('.').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (!name.length || !known.includes(String(name[0]))) {
      rest.push(msg);
      continue;
    }
    const key = name.join('.');
    if (seen.has(key)) continue;
    seen.add(key);
    fields.push({ name, errors: [msg] });
  }
  form.setFields(fields);
  if (fields[0]) form.scrollToField(fields[0].name, { block: 'center' });
  return rest.length ? rest.join(' ') : null;
}

/** The server's refusal as [field, message]; offline and unexpected errors as general ones. */
export function serverEntries(e: unknown, offline: string, fallback: string): [string, string][] {
  if (!(e instanceof ApiError)) return [['', fallback]];
  if (e.status === 0) return [['', offline]];
  return [[e.field ?? '', e.message]];
}

/** A stale `version`: someone else saved first. The screen offers to reload instead of a field error. */
export function isStale(e: unknown): boolean {
  return e instanceof ApiError && e.status === 409 && e.field === 'version';
}
