/** Vietnamese names of the report inputs, for error messages. */
export const REPORTS_FIELD_LABELS_VI: Record<string, string> = {};
