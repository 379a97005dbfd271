import type { Declaration } from '../../ast';
import { layWordingNotAnswerable } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';

/** `lay "…"` stands only on what a person can answer about themselves: not a lab, test or define. */
export function LayWordingRule(context: CheckContext): Visitor {
  const refuse = (node: Declaration, kind: 'lab' | 'test' | 'define') => {
    if (node.lay) context.report(layWordingNotAnswerable(node.lay.span, node.name.value, kind));
  };
  return {
    LabDecl: (node) => refuse(node, 'lab'),
    TestDecl: (node) => refuse(node, 'test'),
    DefineDecl: (node) => refuse(node, 'define'),
  };
}
