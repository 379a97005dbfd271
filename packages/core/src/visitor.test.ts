import { describe, expect, test } from 'vitest';
import type { Node } from './ast';
import { parse, parseExpression } from './parse';
import { children, visit } from './visitor';

describe('visit', () => {
  test('enter and leave in source order, per kind and for every node', () => {
    const events: string[] = [];
    visit(parseExpression('a and not b within 3 days before screening').ast!, {
      enter: (n) => {
        events.push(`>${n.kind}`);
      },
      leave: (n) => {
        events.push(`<${n.kind}`);
      },
      Ref: (n) => {
        events.push(n.name);
      },
    });
    expect(events).toEqual([
      '>Binary',
      '>Ref',
      'a',
      '<Ref',
      '>Not',
      '>WithinTest',
      '>Ref',
      'b',
      '<Ref',
      '>Duration',
      '<Duration',
      '<WithinTest',
      '<Not',
      '<Binary',
    ]);
  });

  test('returning false from enter skips the subtree', () => {
    const seen: string[] = [];
    const { ast } = parse('trial T\ndefine x = hidden\ninclusion\n  C-1 met if shown\n');
    visit(ast!, {
      DefineDecl: { enter: () => false },
      Ref: (n) => {
        seen.push(n.name);
      },
    });
    expect(seen).toEqual(['shown']);
  });

  test('children skips absent optional children and the screening anchor', () => {
    const kinds = (n: Node) => children(n).map((c) => c.kind);
    expect(kinds(parseExpression('gcsf within 14 days before screening').ast!)).toEqual(['Ref', 'Duration']);
    expect(kinds(parseExpression('gcsf within 14 days before anc').ast!)).toEqual(['Ref', 'Duration', 'Ref']);
    expect(kinds(parseExpression('wbc >= 3').ast!)).toEqual(['Ref', 'Quantity']);
  });

  test('deep nesting does not exhaust the stack', () => {
    let depth = 0;
    let node: Node = { kind: 'Ref', name: 'a', window: undefined, span: { start: 0, end: 0 } };
    for (let i = 0; i < 100_000; i++)
      node = { kind: 'Not', operand: node as never, span: { start: 0, end: 0 } };
    visit(node, { Not: () => void depth++ });
    expect(depth).toBe(100_000);
  });
});
