/** The largest cost Baton stores (Postgres `numeric(14, 2)`); the language and the API refuse more. */
export const MAXIMUM_AMOUNT = 999_999_999_999.99;
