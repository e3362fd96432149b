/** The owners' pages' messages, English and French (the type checks that French has every key). */
export const ownerEn = {} as const;

export const ownerFr: Readonly<Record<keyof typeof ownerEn, string>> = {};
