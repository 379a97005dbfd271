import type { Span, ValueCode } from '../../ast';
import { codedValuesOnDimensionedLab, duplicateValueCode } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';

/** A unit a coded result can be read in as a number: a pure number or an annotation (`{score}`). */
const PURE_NUMBER = /^(1|\{[^}]*\})$/;

/**
 * `values iv = snomed 1222837003, …`: each code reads as one value, so a code bound twice is refused
 * (E0235); a lab reads its coded results as numbers, which only a pure-number unit can hold (E0237).
 */
export function ValueCodeRule(context: CheckContext): Visitor {
  const duplicates = (codes: readonly ValueCode[] | undefined) => {
    const seen = new Map<string, string>();
    for (const c of codes ?? []) {
      const key = `${c.system} ${c.code}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, c.value);
      else context.report(duplicateValueCode(c.span, key, first, c.value));
    }
  };
  return {
    TestDecl(node) {
      duplicates(node.valueCodes);
    },
    LabDecl(node) {
      const codes = node.valueCodes;
      if (codes === undefined || codes.length === 0) return;
      if (!PURE_NUMBER.test(node.unit.code)) {
        const span: Span = { start: codes[0]!.span.start, end: codes.at(-1)!.span.end };
        context.report(codedValuesOnDimensionedLab(span, node.name.value, node.unit.code));
        return;
      }
      duplicates(codes);
    },
  };
}
