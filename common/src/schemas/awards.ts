/** Vietnamese names of this module's input fields, for error messages. */
export const AWARDS_FIELD_LABELS_VI: Record<string, string> = {};
