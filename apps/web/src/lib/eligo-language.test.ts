import { StringStream } from '@codemirror/language';
import { describe, expect, it } from 'vitest';
import grammarText from '../../../../packages/core/src/grammar/eligo.ohm?raw';
import { eligoParser, keywords, type State } from './eligo-language';

/** Each token of a line with the style the highlighter gives it. */
function tokens(line: string, state: State = eligoParser.startState!(2)): [string, string | null][] {
  const stream = new StringStream(line, 2, 2);
  const out: [string, string | null][] = [];
  while (!stream.eol()) {
    stream.start = stream.pos;
    const style = eligoParser.token(stream, state);
    const text = stream.current();
    if (text.trim() !== '') out.push([text, style]);
  }
  return out;
}

/**
 * The words eligo.ohm spells in quotes, read from its text independently of core's reading of the
 * grammar object: words in string terminals, less the pieces the `keyword` rule spells them in
 * and the ends of character ranges.
 */
function grammarWords(): string[] {
  const body = grammarText.replace(/\/\/.*$/gm, '');
  const withoutKeywordRules = body.replace(/\n {2}keyword\n[\s\S]*?\n {2}notUnit/, '\n  notUnit');
  // Quoted words, not the ends of ranges such as "a".."z".
  const quoted = /(?<!\.\.)"([A-Za-z][A-Za-z0-9/-]*)"(?!\.\.)/g;
  const words = [...withoutKeywordRules.matchAll(quoted)].map((m) => m[1]!);
  return [...new Set(words)].sort();
}

describe('the editor highlighter', () => {
  it('knows exactly the words of the grammar as keywords', () => {
    const words = grammarWords();
    expect(words.length).toBeGreaterThan(70);
    expect([...keywords].sort()).toEqual(words);
  });

  it('highlights each of them as a keyword, and other names as names', () => {
    const styled = grammarWords().map((word) => tokens(word)[0] ?? [word, null]);
    expect(styled.filter(([, style]) => style !== 'keyword')).toEqual([]);
    expect(tokens('  met if alt <= 3 x ULN and not gcsf within 14 days before screening')).toEqual([
      ['met', 'keyword'],
      ['if', 'keyword'],
      ['alt', 'variableName'],
      ['<=', 'operator'],
      ['3', 'number'],
      ['x', 'keyword'],
      ['ULN', 'keyword'],
      ['and', 'keyword'],
      ['not', 'keyword'],
      ['gcsf', 'variableName'],
      ['within', 'keyword'],
      ['14', 'number'],
      ['days', 'keyword'],
      ['before', 'keyword'],
      ['screening', 'keyword'],
    ]);
  });
});
