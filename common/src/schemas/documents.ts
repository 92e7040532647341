/** Vietnamese names of this module's input fields, for error messages. */
export const DOCUMENTS_FIELD_LABELS_VI: Record<string, string> = {};
