import { describe, expect, it } from 'vitest';
import { compileErrors, compilePlan, where, yaml } from './support';

const offered = (catalogue: string, intake = '') => yaml`
  process: help
  title: Ask for help
  owner: it
  ${catalogue}
  ${intake}
  input:
    type: object
    required: [summary, requesterEmail]
    properties: { summary: { type: string }, details: { type: string }, requesterEmail: { type: string } }
  tasks:
    - { id: answer, title: Answer, department: it, due: 1d }
`;

describe('a catalogue entry and a mail intake', () => {
  it('compile to who may request the process, what fills itself, and which address receives requests', () => {
    const plan = compilePlan(
      offered(
        'catalogue: { category: Help, summary: Ask IT, audience: { roles: [staff], departments: [hr] }, fromRequester: { requesterEmail: email } }',
        'intake: { email: Help@Example.com, subject: summary, body: details, defaults: { details: none } }',
      ),
    );
    expect(plan.catalogue).toEqual({
      category: 'Help',
      summary: 'Ask IT',
      audience: { roles: ['staff'], departments: ['hr'] },
      requestSubject: null,
      fromRequester: { requesterEmail: 'email' },
    });
    expect(plan.intake).toEqual({
      email: 'help@example.com',
      subject: 'summary',
      body: 'details',
      defaults: { details: 'none' },
    });
  });

  it("renders a request's subject from what the request starts with, never from a step", () => {
    const plan = compilePlan(
      offered(
        'catalogue: { category: Help, summary: Ask IT, audience: everyone, requestSubject: "{{ input.summary }}" }',
      ),
    );
    expect(plan.catalogue?.requestSubject).toEqual([{ expression: 'input.summary' }]);
    const errors = compileErrors(
      offered(
        'catalogue: { category: Help, summary: Ask IT, audience: everyone, requestSubject: "{{ steps.answer.status }}" }',
      ),
    );
    expect(errors.map((error) => [error.code, error.message])).toEqual([
      [
        'unknown-reference',
        'a request\'s subject cannot read "steps": it is settled when the instance starts, before any step is done',
      ],
    ]);
  });

  it('reports a field the start form lacks, a department that is none, and an intake outside the catalogue', () => {
    const errors = compileErrors(
      offered(
        'catalogue: { category: Help, summary: Ask IT, audience: { departments: [hrr] }, fromRequester: { mail: email } }',
        'intake: { email: help@example.com, subject: title }',
      ),
    );
    expect(errors.map(where)).toEqual([
      { code: 'unknown-department', line: 4, column: 73, path: '/catalogue/audience/departments/0' },
      { code: 'unknown-field', line: 4, column: 104, path: '/catalogue/fromRequester/mail' },
      { code: 'unknown-field', line: 5, column: 45, path: '/intake/subject' },
    ]);
    expect(errors[0]?.hint).toContain('hr');
    expect(
      compileErrors(offered('', 'intake: { email: help@example.com, subject: summary }')).map((e) => e.code),
    ).toEqual(['intake-without-catalogue']);
  });
});
