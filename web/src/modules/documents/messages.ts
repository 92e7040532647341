/** Texts of the documents screens; English must carry every key (checked by the type in app/messages.ts). */
export const vi = {} as const;
export const en: Record<keyof typeof vi, string> = {};
