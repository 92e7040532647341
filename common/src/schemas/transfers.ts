/** Vietnamese names of this module's input fields, merged into FIELD_LABELS_VI. */
export const TRANSFERS_FIELD_LABELS_VI: Record<string, string> = {};
