import {
  CALCULATORS,
  CODE_SYSTEMS,
  describeSymbol,
  describeUnit,
  isValidUnit,
  KEYWORDS,
  suggestUnits,
} from '@eligo/core';
import { signatureOf } from './hover';
import type { EditorModel } from './symbols';

export interface CompletionItem {
  readonly label: string;
  readonly type: 'variable' | 'keyword' | 'unit' | 'namespace' | 'function';
  readonly detail: string;
  /** Text inserted instead of the label (a calculator gets its parentheses). */
  readonly apply?: string;
}

export interface Completions {
  /** Start of the word being completed: the items replace `from`..`pos`. */
  readonly from: number;
  readonly items: readonly CompletionItem[];
}

/**
 * Units clinical criteria use, offered as the start of a unit is typed; any valid UCUM code is
 * accepted beyond these, and an invalid one typed out gets UCUM's own corrections.
 */
export const COMMON_UNITS = [
  '%',
  '10*9/L',
  '10*3/uL',
  '10*12/L',
  'g/L',
  'g/dL',
  'mg/dL',
  'mg/L',
  'ug/L',
  'ng/mL',
  'umol/L',
  'mmol/L',
  'mmol/mol',
  'meq/L',
  'U/L',
  '[IU]/L',
  '[IU]/mL',
  'mL/min/{1.73_m2}',
  'mL/min',
  'g/(24.h)',
  'mg/g',
  'kg',
  'g',
  'cm',
  'm',
  'kg/m2',
  'mm[Hg]',
  '/min',
  's',
  'h',
  'd',
  'wk',
  'mo',
  'a',
  '{INR}',
  'g/mol',
] as const;

const UNIT_CHARS = /[\w./*{}[\]%()-]*$/;

/**
 * What may be typed at `pos` of `text`: names and words, or a unit after a number or `in`, or a
 * code system after `from`. The names come from `model`, which may be of an earlier text: the
 * editor analyses after a pause in typing, not on every key.
 */
export function completionsAt(
  model: Pick<EditorModel, 'symbols'>,
  text: string,
  pos: number,
  explicit = false,
): Completions | undefined {
  const before = text.slice(0, pos);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.slice(lineStart);
  // Outside closed strings, a quote left opens a string and a `#` starts a comment.
  const code = line.replace(/"(?:[^"\\]|\\.)*"/g, '');
  if (code.includes('"') || code.includes('#')) return undefined;

  const unitTyped = line.match(UNIT_CHARS)?.[0] ?? '';
  const beforeUnit = line.slice(0, line.length - unitTyped.length);
  if (/(?:\d|\bin)\s+$/.test(beforeUnit))
    return { from: pos - unitTyped.length, items: unitItems(unitTyped) };

  const typed = line.match(/\w*$/)?.[0] ?? '';
  const from = pos - typed.length;
  if (typed === '' && !explicit) return undefined;
  if (/(?:\bfrom|,)\s+$/.test(line.slice(0, line.length - typed.length)) && /\bfrom\b/.test(line)) {
    const systems = Object.keys(CODE_SYSTEMS).filter((s) => s.startsWith(typed));
    return { from, items: systems.map((s) => ({ label: s, type: 'namespace', detail: 'code system' })) };
  }
  const items: CompletionItem[] = [
    ...model.symbols.map((s) => ({ label: s.name, type: 'variable' as const, detail: describeSymbol(s) })),
    ...Object.values(CALCULATORS).map((c) => ({
      label: c.name,
      type: 'function' as const,
      detail: signatureOf(c),
      apply: `${c.name}(`,
    })),
    ...KEYWORDS.filter((k) => /^[a-z]/.test(k)).map((k) => ({
      label: k,
      type: 'keyword' as const,
      detail: 'keyword',
    })),
  ];
  return { from, items: items.filter((i) => i.label.startsWith(typed)) };
}

function unitItems(typed: string): CompletionItem[] {
  const common = COMMON_UNITS.filter((u) => u.startsWith(typed));
  const corrections = typed && !isValidUnit(typed) ? suggestUnits(typed) : [];
  const seen = new Set<string>();
  const out: CompletionItem[] = [];
  for (const code of [...common, ...corrections, ...(isValidUnit(typed) ? [typed] : [])]) {
    if (seen.has(code)) continue;
    seen.add(code);
    const kind = describeUnit(code);
    out.push({ label: code, type: 'unit', detail: kind ? `UCUM: ${kind}` : 'UCUM' });
  }
  return out;
}
