import type { DefineDecl, Node } from '../../ast';
import { defineCycle } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { childNodes } from '../walk';

/** No define depends on itself, directly or through other defines. */
export function DefineCycleRule(context: CheckContext): Visitor {
  return {
    Protocol(node) {
      const defines = new Map<string, DefineDecl>();
      for (const d of node.declarations)
        if (d.kind === 'DefineDecl' && !defines.has(d.name.value)) defines.set(d.name.value, d);
      const edges = new Map<string, string[]>();
      for (const [name, d] of defines)
        edges.set(
          name,
          [...new Set(refsIn(d.expr))].filter((r) => defines.has(r)),
        );

      const state = new Map<string, 'open' | 'done'>();
      const stack: string[] = [];
      const onReportedCycle = new Set<string>();
      const visit = (name: string) => {
        state.set(name, 'open');
        stack.push(name);
        for (const next of edges.get(name) ?? []) {
          const s = state.get(next);
          if (s === 'open') {
            const cycle = stack.slice(stack.indexOf(next));
            if (!cycle.some((n) => onReportedCycle.has(n))) {
              for (const n of cycle) onReportedCycle.add(n);
              context.report(defineCycle(defines.get(next)!.name.span, [...cycle, next]));
            }
          } else if (s === undefined) visit(next);
        }
        stack.pop();
        state.set(name, 'done');
      };
      for (const name of defines.keys()) if (!state.has(name)) visit(name);
    },
  };
}

function refsIn(node: Node): string[] {
  const out: string[] = [];
  const walk = (n: Node) => {
    if (n.kind === 'Ref') out.push(n.name);
    for (const child of childNodes(n)) walk(child);
  };
  walk(node);
  return out;
}
