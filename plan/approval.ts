import type { JsonSchema } from './types';

/** The form of every approval task: a decision, and a comment that a rejection must give. */
export const APPROVAL_FORM: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['decision'],
  properties: {
    decision: { enum: ['approve', 'reject'], description: 'approve, or reject to cancel or send work back' },
    comment: { type: 'string', maxLength: 4000, description: 'why; shown with the tasks sent back' },
  },
  if: { properties: { decision: { const: 'reject' } } },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, not a thenable
  then: { required: ['comment'], properties: { comment: { minLength: 1 } } },
};
