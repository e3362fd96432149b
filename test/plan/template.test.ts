import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { evaluateAll } from '../../plan/evaluate';
import { expressionsIn, renderJson, renderStrictly, renderText } from '../../plan/template';
import type { JsonValue, Template } from '../../plan/types';

const context: { [name: string]: JsonValue } = {
  input: { site: 'Lyon', count: 3, urgent: false, manager: null, tags: ['a', 'b'], address: { city: 'Lyon' } },
  process: { key: 'site-opening', version: 2 },
};

/** As the interpreter renders: the template's expressions evaluated in one batch, then the text. */
async function renderTemplate(template: Template, data: object): Promise<string> {
  return renderText(template, evaluateAll(expressionsIn(template), data));
}

describe('template rendering', () => {
  it('fills plain paths, numbers and booleans as jsonata would', async () => {
    const template = [
      { text: 'Open ' },
      { expression: 'input.site' },
      { text: ' (' },
      { expression: ' input . count ' },
      { text: ', ' },
      { expression: 'input.urgent' },
      { text: ', v' },
      { expression: 'process.version' },
      { text: ')' },
    ];
    expect(await renderTemplate(template, context)).toBe('Open Lyon (3, false, v2)');
  });

  it('renders missing and null values as empty text', async () => {
    const template = [{ expression: 'input.nothing.deeper' }, { text: '|' }, { expression: 'input.manager' }];
    expect(await renderTemplate(template, context)).toBe('|');
  });

  it('gives the same text as jsonata for arrays, objects and real expressions', async () => {
    for (const expression of [
      'input.tags',
      'input.address',
      'input.tags[0]',
      '$uppercase(input.site)',
      'input.count * 2',
    ]) {
      const expected = await jsonata(expression).evaluate(context);
      const rendered = await renderTemplate([{ expression }], context);
      expect(rendered).toBe(typeof expected === 'object' ? JSON.stringify(expected) : String(expected));
    }
  });

  it('shows an expression that fails on this data as written instead of failing', async () => {
    expect(await renderTemplate([{ expression: '$nosuchfunction(input.site)' }], context)).toBe(
      '{{ $nosuchfunction(input.site) }}',
    );
  });

  it('evaluates plain paths to a scalar without a promise', () => {
    const values = evaluateAll(['input.site', 'process.version'], context);
    expect(values).not.toBeInstanceOf(Promise);
  });

  it('throws, where a value matters, for an expression that fails on this data', async () => {
    const template = [{ expression: '$nosuchfunction(input.site)' }];
    const values = evaluateAll(expressionsIn(template), context);
    expect(() => renderStrictly(template, values)).toThrow('$nosuchfunction');
  });
});

describe('JSON templates', () => {
  it('keep the type of a whole-string expression and render other strings as text', async () => {
    const body = { site: '{{ input.site }}', count: '{{ input.count }}', label: 'n={{ input.count }}', fixed: 7 };
    const values = evaluateAll(['input.site', 'input.count'], context);
    expect(renderJson(body, values)).toEqual({ site: 'Lyon', count: 3, label: 'n=3', fixed: 7 });
  });
});
