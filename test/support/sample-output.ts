/** A value satisfying a task's form, built from its JSON Schema as a member of staff would fill it. */
export function sampleOutput(form: unknown): Record<string, unknown> {
  const value = sampleOf(form);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function sampleOf(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null) return {};
  const s = schema as Record<string, unknown>;
  if (Array.isArray(s.enum)) return s.enum[0];
  if ('const' in s) return s.const;
  switch (s.type) {
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      const required = (s.required ?? []) as string[];
      return Object.fromEntries(required.map((name) => [name, sampleOf(properties[name])]));
    }
    case 'array':
      return Array.from({ length: Number(s.minItems ?? 0) }, () => sampleOf(s.items));
    case 'boolean':
      return true;
    case 'integer':
    case 'number':
      return Number(s.minimum ?? 1);
    case 'string':
      return sampleString(s);
    default:
      return {};
  }
}

function sampleString(s: Record<string, unknown>): string {
  if (s.format === 'date') return '2027-01-15';
  if (s.format === 'date-time') return '2027-01-15T09:00:00Z';
  if (s.format === 'email') return 'someone@example.com';
  if (s.format === 'uri') return 'https://example.com/document';
  return 'x'.repeat(Math.max(Number(s.minLength ?? 1), 1));
}
