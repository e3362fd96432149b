import type { JsonSchema } from '../../types';

/**
 * A start input to begin a dry run from: the required fields of the start form, each with its
 * default, its first allowed value, or an empty value of its type (to be filled in).
 */
export function exampleOf(schema: unknown, today: string, depth = 0): unknown {
  if (typeof schema !== 'object' || schema === null || depth > 8) return null;
  const node = schema as JsonSchema;
  if ('default' in node) return node.default;
  if ('const' in node) return node.const;
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  switch (type) {
    case 'object': {
      const properties = (node.properties ?? {}) as Record<string, unknown>;
      const required = Array.isArray(node.required) ? (node.required as unknown[]) : [];
      const example: Record<string, unknown> = {};
      for (const name of required) {
        if (typeof name === 'string') example[name] = exampleOf(properties[name], today, depth + 1);
      }
      return example;
    }
    case 'array': {
      const minimum = typeof node.minItems === 'number' ? node.minItems : 0;
      return minimum > 0 ? [exampleOf(node.items, today, depth + 1)] : [];
    }
    case 'string':
      return node.format === 'date' ? today : node.format === 'date-time' ? `${today}T09:00:00Z` : '';
    case 'integer':
    case 'number':
      return typeof node.minimum === 'number' ? node.minimum : 0;
    case 'boolean':
      return false;
    default:
      return null;
  }
}
