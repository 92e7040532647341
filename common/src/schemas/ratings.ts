/** Vietnamese names of this module's input fields, for error messages. */
export const RATINGS_FIELD_LABELS_VI: Record<string, string> = {};
