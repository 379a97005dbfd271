import { describe, expect, test } from 'vitest';
import { PathSyntaxError, parsePath } from './parse';

describe('parsePath', () => {
  test('members, calls and indexes chain left to right', () => {
    expect(parsePath("name.where(use = 'official')[0].family")).toEqual({
      kind: 'member',
      name: 'family',
      target: {
        kind: 'index',
        index: { kind: 'number', value: 0, integer: true },
        target: {
          kind: 'call',
          name: 'where',
          target: { kind: 'member', name: 'name', target: null },
          args: [
            {
              kind: 'binary',
              operator: '=',
              left: { kind: 'member', name: 'use', target: null },
              right: { kind: 'string', value: 'official' },
            },
          ],
        },
      },
    });
  });

  test('and binds tighter than or, comparison tighter than and', () => {
    const tree = parsePath('a = 1 or b and c < 2');
    expect(tree).toMatchObject({
      kind: 'binary',
      operator: 'or',
      left: { operator: '=' },
      right: { operator: 'and', right: { operator: '<' } },
    });
  });

  test('constants, $this, escapes, delimited names and literals', () => {
    expect(parsePath('%`my-constant`')).toEqual({ kind: 'constant', name: 'my-constant' });
    expect(parsePath('$this')).toEqual({ kind: 'this' });
    expect(parsePath("'it\\'s'")).toEqual({ kind: 'string', value: "it's" });
    expect(parsePath('`div`')).toEqual({ kind: 'member', name: 'div', target: null });
    expect(parsePath('@2020-01')).toEqual({ kind: 'temporal', value: '2020-01' });
    expect(parsePath('1.50')).toEqual({ kind: 'number', value: 1.5, integer: false });
    expect(parsePath('-x')).toEqual({ kind: 'negate', operand: { kind: 'member', name: 'x', target: null } });
    expect(parsePath('{}')).toEqual({ kind: 'empty' });
  });

  test.each([
    ['@@', 0, 'a date or time after @'],
    ['name.', 5, 'a name or a function call'],
    ['name.where(use = 1', 18, "')'"],
    ['a b', 2, 'an operator or the end of the expression'],
    ["'open", 0, "a closing '"],
    ['and', 0, 'an expression'],
  ])('%s fails at offset %i expecting %s', (source, at, expected) => {
    let caught: unknown;
    try {
      parsePath(source);
    } catch (error) {
      caught = error;
    }
    expect(caught).toEqual(new PathSyntaxError(at, expected));
  });
});
