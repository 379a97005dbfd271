import { describe, expect, test } from 'vitest';
import grammarText from './grammar/eligo.ohm?raw';
import grammar from './grammar/eligo.ohm-bundle.js';

interface Example {
  readonly rule: string;
  readonly input: string;
  readonly shouldMatch: boolean;
  readonly line: number;
}

/** `//+ "…"` and `//- "…"` comments, each bound to the rule defined below it. */
function extractExamples(text: string): Example[] {
  const examples: Example[] = [];
  let pending: Omit<Example, 'rule'>[] = [];
  text.split('\n').forEach((line, i) => {
    const example = /^\s*\/\/([+-])\s*(".*")\s*$/.exec(line);
    if (example) {
      pending.push({
        input: JSON.parse(example[2]!) as string,
        shouldMatch: example[1] === '+',
        line: i + 1,
      });
      return;
    }
    // Rules start at two spaces of indentation; their alternatives are indented deeper.
    const rule = /^ {2}([A-Za-z_]\w*)/.exec(line);
    if (rule) {
      for (const p of pending) examples.push({ ...p, rule: rule[1]! });
      pending = [];
    }
  });
  if (pending.length > 0) throw new Error(`examples at line ${pending[0]!.line} precede no rule`);
  return examples;
}

const examples = extractExamples(grammarText);

describe('grammar examples', () => {
  test('there are examples for many rules, both ways', () => {
    expect(new Set(examples.map((e) => e.rule)).size).toBeGreaterThanOrEqual(25);
    expect(examples.filter((e) => !e.shouldMatch).length).toBeGreaterThanOrEqual(20);
  });

  test.each(
    examples.map(
      (e) =>
        [
          `${e.rule} ${e.shouldMatch ? 'matches' : 'rejects'} ${JSON.stringify(e.input)} (line ${e.line})`,
          e,
        ] as const,
    ),
  )('%s', (_, e) => {
    expect(grammar.match(e.input, e.rule).succeeded()).toBe(e.shouldMatch);
  });
});
