import type { ValueTransformer } from 'typeorm';

/** Postgres `numeric` arrives as a string to keep precision; amounts in Baton fit a JS number. */
export const numericAmount: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
