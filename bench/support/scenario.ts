/** A benchmark scenario: measures baseline and candidate in one run and reports ratios. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  run(options: { readonly smoke: boolean }): Promise<void>;
}
