/** The managers' pages' messages, English and French (the type checks that French has every key). */
export const managerEn = {} as const;

export const managerFr: Readonly<Record<keyof typeof managerEn, string>> = {};
