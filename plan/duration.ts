const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

export const DURATION_FORMS = '30s, 15m, 4h, 3d or 2w (seconds, minutes, hours, days, weeks)';

/** Milliseconds in a positive duration like `3d`, or undefined if it is not one. Days are 24 hours. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)([smhdw])$/.exec(text);
  if (match === null) return undefined;
  const [, amount, unit] = match;
  if (amount === undefined || !isUnit(unit)) return undefined;
  const ms = Number(amount) * UNIT_MS[unit];
  return ms > 0 && Number.isSafeInteger(ms) ? ms : undefined;
}

function isUnit(unit: string | undefined): unit is keyof typeof UNIT_MS {
  return unit !== undefined && Object.hasOwn(UNIT_MS, unit);
}
