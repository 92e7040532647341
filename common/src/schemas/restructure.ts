/** Vietnamese names of this module's input fields, merged into FIELD_LABELS_VI. */
export const RESTRUCTURE_FIELD_LABELS_VI: Record<string, string> = {};
