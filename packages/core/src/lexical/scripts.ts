/**
 * The writing systems of an identifier and its look-alike skeleton: a small form of the
 * restriction levels and the skeleton of Unicode TR39 ("Unicode Security Mechanisms"), enough to
 * catch `cоnsent` (a Cyrillic о) beside `consent` without the full confusables table.
 */

/**
 * Scripts an identifier's letters are checked against, in the order they are tried. A letter of
 * any other script counts as a script of its own, so that mixing it with Latin is still reported.
 */
const SCRIPTS = [
  'Latin',
  'Greek',
  'Cyrillic',
  'Armenian',
  'Hebrew',
  'Arabic',
  'Georgian',
  'Cherokee',
  'Devanagari',
  'Bengali',
  'Thai',
  'Ethiopic',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Bopomofo',
] as const;

const SCRIPT_TESTS = SCRIPTS.map((name) => ({ name, test: new RegExp(`^\\p{Script=${name}}$`, 'u') }));
const LETTER = /^\p{L}$/u;

/** The scripts TR39 lets Latin and Han combine with ("highly restrictive"): Japanese, Chinese, Korean. */
const ALLOWED_TOGETHER: readonly ReadonlySet<string>[] = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];

/** The scripts of the letters of `text`, in order of first use; digits and `_` belong to none. */
export function scriptsOf(text: string): string[] {
  const found: string[] = [];
  for (const char of text) {
    if (!LETTER.test(char)) continue;
    const script = SCRIPT_TESTS.find((s) => s.test.test(char))?.name ?? 'another script';
    if (!found.includes(script)) found.push(script);
  }
  return found;
}

/** The scripts of an identifier when they are more than one and not a combination in common use. */
export function mixedScripts(text: string): string[] | undefined {
  // Plain ASCII names, nearly all of them, need no closer look.
  if (/^[\w-]*$/.test(text)) return undefined;
  const scripts = scriptsOf(text);
  if (scripts.length < 2) return undefined;
  return ALLOWED_TOGETHER.some((set) => scripts.every((s) => set.has(s))) ? undefined : scripts;
}

/**
 * Letters that look like a Latin letter or digit in common fonts, each with the character it is
 * taken for: the Cyrillic and Greek letters of TR39's confusables list whose prototype is ASCII,
 * and within ASCII `1`/`I`/`l` and `0`/`O`. Compatibility forms (fullwidth `ｃ`, mathematical
 * `𝐜`) are folded first by NFKD.
 */
const PROTOTYPES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a',
  е: 'e',
  һ: 'h',
  і: 'i',
  ј: 'j',
  о: 'o',
  р: 'p',
  с: 'c',
  ѕ: 's',
  у: 'y',
  х: 'x',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  Ѕ: 'S',
  І: 'l',
  Ј: 'J',
  Ү: 'Y',
  Ԛ: 'Q',
  Ԝ: 'W',
  // Greek
  α: 'a',
  γ: 'y',
  ι: 'i',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  υ: 'u',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'l',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  // Latin letters and digits taken for one another
  ɑ: 'a',
  ı: 'i',
  ɡ: 'g',
  '1': 'l',
  I: 'l',
  '0': 'O',
};

/** What `text` looks like: two identifiers with one skeleton are hard to tell apart on screen. */
export function skeleton(text: string): string {
  let out = '';
  for (const char of text.normalize('NFKD')) out += PROTOTYPES[char] ?? char;
  return out;
}
