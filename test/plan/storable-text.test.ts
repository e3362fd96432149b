import { describe, expect, it } from 'vitest';
import { storable, unstorableTextReason } from '../../plan/storable-text';

describe('text Postgres can store', () => {
  it('names what it cannot store', () => {
    expect(unstorableTextReason('fine 😀')).toBeNull();
    expect(unstorableTextReason('a\u0000b')).toContain('U+0000');
    expect(unstorableTextReason('a\ud800b')).toContain('U+D800');
  });

  it('replaces NUL and lone surrogates with U+FFFD in values and keys, deep inside', () => {
    expect(storable({ title: 'a\u0000b', list: ['\udc00', 'ok 😀'], nested: { 'k\u0000': 1 } })).toEqual({
      title: 'a\ufffdb',
      list: ['\ufffd', 'ok 😀'],
      nested: { 'k\ufffd': 1 },
    });
  });

  it('keeps both of two keys that differ only by what it replaces', () => {
    expect(storable({ 'a\u0000': 1, 'a\ud800': 2 })).toEqual({ 'a\ufffd': 1, 'a\ufffd\ufffd': 2 });
  });
});
