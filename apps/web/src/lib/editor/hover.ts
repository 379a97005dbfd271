import { CALCULATORS, type CalculatorSignature, describeSymbol, describeUnit, KEYWORDS } from '@eligo/core';
import { type EditorModel, occurrenceAt, wordAt } from './symbols';

const RESERVED: ReadonlySet<string> = new Set(KEYWORDS);

export interface HoverInfo {
  readonly from: number;
  readonly to: number;
  /** The first line, bold in the tooltip: what the thing is called. */
  readonly title: string;
  readonly detail: string;
}

/** `ckd_epi_2021(creatinine, sex, birth date) → mL/min/{1.73_m2}` */
export function signatureOf(calculator: CalculatorSignature): string {
  const result =
    calculator.result.kind === 'quantity' ? (calculator.result.unit ?? 'a number') : calculator.result.kind;
  return `${calculator.name}(${calculator.parameters.map((p) => p.name).join(', ')}) → ${result}`;
}

/** What the text under `pos` is: a declared name, a unit, a calculator or a word of the language. */
export function hoverAt(model: EditorModel, pos: number): HoverInfo | undefined {
  const unit = model.units.find((u) => u.from <= pos && pos < u.to);
  if (unit) {
    const kind = describeUnit(unit.code);
    return {
      from: unit.from,
      to: unit.to,
      title: unit.code,
      detail: kind ? `UCUM unit: ${kind}` : 'UCUM unit',
    };
  }
  const at = occurrenceAt(model, pos);
  const symbol = at && model.symbols.find((s) => s.name === at.name);
  if (at && symbol) {
    const label = 'label' in symbol.declaration ? symbol.declaration.label : undefined;
    const detail = label ? `${describeSymbol(symbol)}: “${label}”` : describeSymbol(symbol);
    return { from: at.from, to: at.to, title: symbol.name, detail };
  }
  const word = wordAt(model.text, pos);
  if (!word) return undefined;
  const calculator = Object.hasOwn(CALCULATORS, word.word) ? CALCULATORS[word.word] : undefined;
  if (calculator) {
    const expects = calculator.parameters.map((p) => `${p.name}: ${p.expects}`).join('; ');
    return { ...word, title: signatureOf(calculator), detail: `calculator; ${expects}` };
  }
  if (RESERVED.has(word.word)) return { ...word, title: word.word, detail: 'a word of the language' };
  return undefined;
}
