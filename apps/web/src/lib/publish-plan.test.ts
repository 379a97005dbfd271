import { describe, expect, it } from 'vitest';
import { publishPlan, withVersionLine } from './publish-plan';

const published = { version: 2, source: { text: 'trial T "t"\nversion "2"\n' } };
const versions = [{ version: 1 }, { version: 2 }];

describe('publishPlan', () => {
  it('says the text already is a version when it is the published text', () => {
    expect(
      publishPlan({ compiles: true, text: published.source.text, declared: '2', versions, published }),
    ).toEqual({
      kind: 'published',
      version: 2,
    });
  });

  it('gives the next number, and a mismatch naming both when the version line disagrees', () => {
    expect(publishPlan({ compiles: true, text: 'x', declared: '3', versions, published })).toEqual({
      kind: 'next',
      next: 3,
    });
    expect(publishPlan({ compiles: true, text: 'x', declared: undefined, versions, published })).toEqual({
      kind: 'next',
      next: 3,
    });
    expect(publishPlan({ compiles: true, text: 'x', declared: '2', versions, published })).toEqual({
      kind: 'mismatch',
      declared: '2',
      next: 3,
    });
    expect(publishPlan({ compiles: true, text: 'x', declared: '2', versions: undefined, published })).toEqual(
      {
        kind: 'unknown',
      },
    );
  });
});

describe('withVersionLine', () => {
  it('sets the header version on its own line or after the title, and nothing else', () => {
    expect(withVersionLine('# version "9" in a comment\ntrial T "t"\nversion "2"\n', 3)).toBe(
      '# version "9" in a comment\ntrial T "t"\nversion "3"\n',
    );
    expect(withVersionLine('trial T "t" version "2"\n', 3)).toBe('trial T "t" version "3"\n');
    expect(withVersionLine('trial T "t"\n', 3)).toBe('trial T "t"\n');
  });
});
