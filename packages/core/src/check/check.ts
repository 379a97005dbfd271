import type { Node, Protocol } from '../ast';
import { checkFailed, tooManyDiagnostics } from '../diagnostics/catalog';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { Source } from '../source';
import type { CheckContext, NodeKind, Rule, Visitor } from './context';
import { specifiedRules } from './rules';
import { SymbolTable } from './symbols';
import { childNodes } from './walk';

export interface CheckResult {
  /** Sorted by position; diagnostics without a position come last. */
  readonly diagnostics: Diagnostic[];
  readonly symbols: SymbolTable;
}

export interface CheckOptions {
  readonly rules?: readonly Rule[];
  /** At most this many diagnostics, then one note saying how many were left out. */
  readonly maxDiagnostics?: number;
}

export const MAX_DIAGNOSTICS = 100;

type Handler = (node: Node) => void;
interface Active {
  readonly name: string;
  readonly visitor: Visitor;
  failed: boolean;
}

/**
 * Runs every rule over the tree in one traversal. Never throws: a rule that fails on some input
 * is switched off and reported as a note, and the other rules carry on.
 */
export function check(ast: Protocol, source?: Source, options: CheckOptions = {}): CheckResult {
  const diagnostics: Diagnostic[] = [];
  const ancestors: Node[] = [];
  const symbols = new SymbolTable(ast);
  const context: CheckContext = {
    protocol: ast,
    source,
    symbols,
    report: (d) => void diagnostics.push(d),
    ancestors,
    get parent() {
      return ancestors.at(-1);
    },
  };

  const active: Active[] = [];
  const fail = (name: string, error: unknown) => {
    diagnostics.push(checkFailed(name, error instanceof Error ? error.message : String(error)));
  };
  for (const rule of options.rules ?? specifiedRules) {
    const name = ruleName(rule);
    try {
      active.push({ name, visitor: rule(context), failed: false });
    } catch (error) {
      fail(name, error);
    }
  }

  // The rules' handlers per node kind, in rule order, found once per kind: most rules look at a
  // few kinds, and asking every rule at every node took more than half of the check's time.
  const byKind = new Map<string, { enter: [Active, Handler][]; leave: [Active, Handler][] }>();
  const handlersOf = (kind: NodeKind) => {
    let found = byKind.get(kind);
    if (found === undefined) {
      found = { enter: [], leave: [] };
      for (const a of active) {
        const entry = a.visitor[kind] as Handler | { enter?: Handler; leave?: Handler } | undefined;
        if (typeof entry === 'function') found.enter.push([a, entry]);
        else {
          if (entry?.enter) found.enter.push([a, entry.enter]);
          if (entry?.leave) found.leave.push([a, entry.leave]);
        }
      }
      byKind.set(kind, found);
    }
    return found;
  };
  const run = (node: Node, phase: 'enter' | 'leave') => {
    for (const [a, handler] of handlersOf(node.kind as NodeKind)[phase]) {
      if (a.failed) continue;
      try {
        handler(node);
      } catch (error) {
        a.failed = true;
        fail(a.name, error);
      }
    }
  };

  const visit = (node: Node, depth: number) => {
    run(node, 'enter');
    // Deeply nested input is reported by the parser; here it must only not overflow the stack.
    if (depth < 500) {
      ancestors.push(node);
      for (const child of childNodes(node)) visit(child, depth + 1);
      ancestors.pop();
    }
    run(node, 'leave');
  };
  try {
    visit(ast, 0);
  } catch (error) {
    fail('traversal', error);
  }

  return {
    diagnostics: cap(sortByPosition(diagnostics), options.maxDiagnostics ?? MAX_DIAGNOSTICS),
    symbols,
  };
}

function ruleName(rule: Rule): string {
  return rule.name.replace(/Rule$/, '') || 'anonymous';
}

function sortByPosition(list: Diagnostic[]): Diagnostic[] {
  return list
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const x = a.d.span?.start ?? Number.POSITIVE_INFINITY;
      const y = b.d.span?.start ?? Number.POSITIVE_INFINITY;
      return x === y ? a.i - b.i : x - y;
    })
    .map(({ d }) => d);
}

function cap(list: Diagnostic[], max: number): Diagnostic[] {
  if (list.length <= max) return list;
  return [...list.slice(0, max), tooManyDiagnostics(max, list.length)];
}
