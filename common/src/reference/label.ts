/** A reference value's display labels: Vietnamese first, English as the second locale. */
export type Label = { readonly vi: string; readonly en: string };
