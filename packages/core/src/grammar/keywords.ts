import { type PExpr, pexprs } from 'ohm-js';
import grammar from './eligo.ohm-bundle.js';

/**
 * The words of the language, read from the grammar itself, so that nothing else keeps a list that
 * could drift from it: the editor's and the docs' highlighters use (or are tested against) these.
 *
 * `KEYWORDS` is every word the grammar spells out (`met`, `sub-criteria`, `yes/no`, `icd10`,
 * `ULN`, `birthDate` …), whether reserved or not; `reservedWords()` those its `keyword` rule keeps
 * from naming anything. The `keyword` rule spells its words in pieces by first letter (`"a" ("bove"
 * | "go" …)`), so its words are read by expanding that finite rule rather than from its terminals.
 */

interface Parts {
  readonly obj?: unknown;
  readonly terms?: readonly PExpr[];
  readonly factors?: readonly PExpr[];
  readonly expr?: PExpr;
  readonly args?: readonly PExpr[];
  readonly ruleName?: string;
}

const rules = grammar.rules as unknown as Record<string, { body: PExpr }>;

/** The rules that spell the reserved words in pieces. */
const SPELLED_IN_PIECES = new Set(['keyword', 'keywordWord']);

const WORD = /^[A-Za-z][A-Za-z0-9/-]*$/;

function spelledWords(): string[] {
  const words = new Set<string>();
  const seen = new Set<PExpr>();
  const walk = (e: PExpr | undefined) => {
    if (e === undefined || seen.has(e)) return;
    seen.add(e);
    const parts = e as Parts;
    if (e instanceof pexprs.Terminal) {
      if (typeof parts.obj === 'string' && WORD.test(parts.obj)) words.add(parts.obj);
      return;
    }
    for (const child of [...(parts.terms ?? []), ...(parts.factors ?? []), ...(parts.args ?? [])])
      walk(child);
    walk(parts.expr);
  };
  for (const [name, rule] of Object.entries(rules)) if (!SPELLED_IN_PIECES.has(name)) walk(rule.body);
  return [...words].sort();
}

/** Every string a finite expression matches; lookaheads match the empty string. */
function language(e: PExpr): string[] {
  const parts = e as Parts;
  if (e instanceof pexprs.Terminal) return [String(parts.obj)];
  if (e instanceof pexprs.Lookahead || e instanceof pexprs.Not) return [''];
  if (e instanceof pexprs.Alt) return (parts.terms ?? []).flatMap(language);
  if (e instanceof pexprs.Seq) {
    return (parts.factors ?? []).reduce<string[]>(
      (heads, factor) => heads.flatMap((head) => language(factor).map((tail) => head + tail)),
      [''],
    );
  }
  if (e instanceof pexprs.Apply && parts.ruleName !== undefined && (parts.args ?? []).length === 0) {
    return language(rules[parts.ruleName]!.body);
  }
  throw new Error(`the keyword rule has a part that is not a finite list of words: ${e.toString()}`);
}

export const KEYWORDS: readonly string[] = spelledWords();

/** The words the `keyword` rule reserves; computed on demand, as it throws if the rule stops being a finite list. */
export function reservedWords(): string[] {
  return [...new Set(language(rules.keyword!.body))].sort();
}
