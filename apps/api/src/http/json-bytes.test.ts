import { describe, expect, it } from 'vitest';
import { jsonBytes } from './json-bytes';

describe('jsonBytes', () => {
  it('gives the UTF-8 bytes of JSON.stringify, for text in and beyond Latin-1', () => {
    for (const value of [
      { ascii: 'plain', n: 1.5, list: [true, null] },
      { title: 'White blood cells ≥ 3 × 10⁹/L', é: 'Müller', emoji: '😀' },
      // JSON.stringify escapes a lone surrogate, so the transcoder never sees one.
      { lone: '\ud800 and \udfff' },
      [],
      'text',
    ]) {
      const bytes = jsonBytes(value);
      expect(typeof bytes).not.toBe('string');
      expect(Buffer.from(bytes as Uint8Array).equals(Buffer.from(JSON.stringify(value), 'utf8'))).toBe(true);
    }
  });
});
