import fc from 'fast-check';

/**
 * Text mutations in the manner of a mutation fuzzer (AFL's havoc stage, at the level of
 * characters and words): deletions, insertions of hostile characters, words swapped for keywords,
 * look-alikes and extreme numbers, lines duplicated, dropped, swapped or spliced in from another
 * protocol. Each is a plain value, so fast-check can generate, replay and shrink them.
 */
export type Mutation =
  | { readonly op: 'delete'; readonly at: number; readonly length: number }
  | { readonly op: 'insert'; readonly at: number; readonly text: string }
  | { readonly op: 'word'; readonly index: number; readonly text: string }
  | {
      readonly op: 'line';
      readonly action: 'drop' | 'duplicate' | 'swap';
      readonly index: number;
      readonly other: number;
    }
  | { readonly op: 'splice'; readonly at: number; readonly line: number }
  | { readonly op: 'flip'; readonly at: number; readonly delta: number };

/** Characters that have tripped parsers: the grammar's own punctuation, invisible and reordering characters, surrogate halves, line separators. */
export const HOSTILE_CHARACTERS = [
  '(',
  ')',
  '"',
  '\\',
  '#',
  '{',
  '}',
  ',',
  ':',
  '=',
  '<',
  '>',
  '!',
  '-',
  '.',
  '*',
  '/',
  '%',
  '^',
  '[',
  ']',
  ' ',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\0',
  '\x1b[2J',
  '\u00a0',
  '\u00ad',
  '\u200b',
  '\u200d',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\u202e',
  '\u2066',
  '\u200f',
  '\ud800',
  '\udc00',
  '\ud83d\ude00',
  '\u0301',
  'е',
  'о',
  'ａ',
  'İ',
  'ß',
  'ǅ',
  '١',
  '𝟏',
  '\uffff',
];

const KEYWORDS = (
  'trial version records complete for patient lab test condition medication procedure allergy encounter ' +
  'question define from in inclusion exclusion cohort source met if then else unless decided by sub-criteria and ' +
  'or not any all of at least is between within before after screening ever suspected resolved more than ago ' +
  'severe latest fell ULN LLN x yes/no true false route daily dose as stable episodes known only one number date ' +
  'score count loinc snomed icd10 atc rxnorm cvx molar mass positive above below range site class days years %'
).split(' ');

/** Numbers at the edges of what a double holds, and identifiers that mean something to JavaScript or look like others. */
export const HOSTILE_NUMBERS = [
  '0',
  '-0',
  '00',
  '0.0',
  '1e3',
  '9007199254740993',
  `1${'0'.repeat(400)}`,
  `0.${'0'.repeat(400)}1`,
  '0.1000000000000000000001',
  '179769313486231580000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000',
  '4.9e-324',
  '-1',
  '999999999',
  '2147483648',
  '1.',
  '.5',
  '--1',
  '1..2',
];

export const HOSTILE_IDENTIFIERS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'H',
  'K',
  'i',
  'asOf',
  'batch',
  'binding',
  'return',
  'function',
  'eval',
  'this',
  'undefined',
  'NaN',
  'Infinity',
  'cоnsent',
  'сое',
  'ｗｂｃ',
  'ǅx',
  'x_1',
  '_',
  'a'.repeat(300),
  'ΑΒΓ',
  'ß',
  'ﬁ',
  'İ',
  'ı',
];

export const HOSTILE_STRINGS = [
  '"); process.exit(1); //',
  "'; throw 1; '",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template literal is the attack.
  '`${globalThis.x = 1}`',
  '*/ throw 1; /*',
  '\\u0022',
  '</script><script>alert(1)</script>',
  '\u2028\u2029',
  '\x1b]52;c;aGk=\x07',
];

const word = fc.oneof(
  fc.constantFrom(...KEYWORDS),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom(...HOSTILE_IDENTIFIERS),
  fc.constantFrom(...HOSTILE_STRINGS.map((s) => JSON.stringify(s))),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...HOSTILE_CHARACTERS), word, fc.string({ unit: 'binary', maxLength: 4 })),
  }),
  fc.record({ op: fc.constant('word' as const), index: fc.nat(), text: word }),
  fc.record({
    op: fc.constant('line' as const),
    action: fc.constantFrom('drop' as const, 'duplicate' as const, 'swap' as const),
    index: fc.nat(),
    other: fc.nat(),
  }),
  fc.record({ op: fc.constant('splice' as const), at: fc.nat(), line: fc.nat() }),
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), delta: fc.integer({ min: -40, max: 40 }) }),
);

/** `text` with the mutations applied in turn; `donor` gives the lines a splice takes. */
export function applyMutations(text: string, mutations: readonly Mutation[], donor: string): string {
  let t = text;
  for (const m of mutations) t = applyOne(t, m, donor);
  return t;
}

function applyOne(t: string, m: Mutation, donor: string): string {
  const at = (n: number) => (t.length === 0 ? 0 : n % (t.length + 1));
  switch (m.op) {
    case 'delete': {
      const from = at(m.at);
      return t.slice(0, from) + t.slice(from + m.length);
    }
    case 'insert': {
      const from = at(m.at);
      return t.slice(0, from) + m.text + t.slice(from);
    }
    case 'word': {
      const words = [...t.matchAll(/[\p{L}\p{N}_.-]+/gu)];
      if (words.length === 0) return t;
      const w = words[m.index % words.length]!;
      return t.slice(0, w.index) + m.text + t.slice(w.index + w[0].length);
    }
    case 'line': {
      const lines = t.split('\n');
      const i = m.index % lines.length;
      const j = m.other % lines.length;
      if (m.action === 'drop') lines.splice(i, 1);
      else if (m.action === 'duplicate') lines.splice(i, 0, lines[i]!);
      else [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    }
    case 'splice': {
      const lines = t.split('\n');
      const from = donor.split('\n');
      lines.splice(m.at % (lines.length + 1), 0, from[m.line % from.length]!);
      return lines.join('\n');
    }
    case 'flip': {
      if (t.length === 0) return t;
      const i = m.at % t.length;
      const code = (t.charCodeAt(i) + m.delta + 0x10000) % 0x10000;
      return t.slice(0, i) + String.fromCharCode(code) + t.slice(i + 1);
    }
  }
}
