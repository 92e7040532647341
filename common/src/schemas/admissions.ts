/** Vietnamese names of this module's input fields, merged into FIELD_LABELS_VI. */
export const ADMISSIONS_FIELD_LABELS_VI: Record<string, string> = {};
