import { describe, expect, it } from 'vitest';
import { parseTemplate } from '../../compiler/template';

describe('templates', () => {
  it('splits text and {{ expression }} holes, trimming the expressions', () => {
    expect(parseTemplate('a {{ x }} b')).toEqual({
      template: [{ text: 'a ' }, { expression: 'x' }, { text: ' b' }],
      problems: [],
      holes: [{ start: 5, references: [{ name: 'x', offset: 0 }] }],
    });
  });

  it('keeps plain text whole, and holes at either end without empty text parts', () => {
    expect(parseTemplate('no holes }} here').template).toEqual([{ text: 'no holes }} here' }]);
    expect(parseTemplate('{{a}}{{ b }}').template).toEqual([{ expression: 'a' }, { expression: 'b' }]);
  });

  it('reports where each problem starts in the text', () => {
    expect(parseTemplate('x {{ a..b }} {{ }} {{ c').problems).toEqual([
      { kind: 'expression', offset: 6, message: 'expression "a..b" does not parse: Syntax error: ".."' },
      { kind: 'template', offset: 13, message: '"{{ }}" holds no expression' },
      { kind: 'template', offset: 19, message: '"{{" is never closed by "}}"' },
    ]);
  });
});
