import type { PathNode } from './ast';
import { lex, PathSyntaxError, type Token } from './lex';

export { PathSyntaxError } from './lex';

/** Binary operators by precedence, loosest first (FHIRPath §Operator precedence). */
const levels: readonly (readonly string[])[] = [
  ['implies'],
  ['or', 'xor'],
  ['and'],
  ['in', 'contains'],
  ['=', '~', '!=', '!~'],
  ['<', '>', '<=', '>='],
  ['|'],
  ['+', '-', '&'],
  ['*', '/', 'div', 'mod'],
];

/** Words that are operators, so `name.and` is not read as a member access by mistake. */
const wordOperators = new Set(['implies', 'or', 'xor', 'and', 'in', 'contains', 'div', 'mod']);

/** Parses one FHIRPath expression of the subset; throws PathSyntaxError with an offset. */
export function parsePath(source: string): PathNode {
  const tokens = lex(source);
  let position = 0;
  const peek = (): Token => tokens[position]!;
  const next = (): Token => tokens[position++]!;
  const isOperator = (token: Token, text: string): boolean =>
    (token.type === 'symbol' || (token.type === 'identifier' && !token.delimited)) && token.text === text;
  const expect = (text: string): void => {
    const token = next();
    if (token.type !== 'symbol' || token.text !== text) throw new PathSyntaxError(token.at, `'${text}'`);
  };

  const binary = (level: number): PathNode => {
    if (level === levels.length) return unary();
    let left = binary(level + 1);
    for (;;) {
      const token = peek();
      const operator = levels[level]!.find((op) => isOperator(token, op));
      if (!operator) return left;
      next();
      const right = binary(level + 1);
      left = { kind: 'binary', operator, left, right };
    }
  };

  const unary = (): PathNode => {
    const token = peek();
    if (token.type === 'symbol' && (token.text === '-' || token.text === '+')) {
      next();
      const operand = unary();
      return token.text === '-' ? { kind: 'negate', operand } : operand;
    }
    return postfix(term());
  };

  const postfix = (start: PathNode): PathNode => {
    let node = start;
    for (;;) {
      const token = peek();
      if (token.type === 'symbol' && token.text === '.') {
        next();
        node = invocation(node);
      } else if (token.type === 'symbol' && token.text === '[') {
        next();
        const index = binary(0);
        expect(']');
        node = { kind: 'index', target: node, index };
      } else {
        return node;
      }
    }
  };

  const invocation = (target: PathNode | null): PathNode => {
    const token = next();
    if (token.type === 'variable' && token.text === 'this' && target === null) return { kind: 'this' };
    if (token.type !== 'identifier') throw new PathSyntaxError(token.at, 'a name or a function call');
    const following = peek();
    if (following.type === 'symbol' && following.text === '(') {
      next();
      const args: PathNode[] = [];
      if (!(peek().type === 'symbol' && peek().text === ')')) {
        args.push(binary(0));
        while (peek().type === 'symbol' && peek().text === ',') {
          next();
          args.push(binary(0));
        }
      }
      expect(')');
      return { kind: 'call', target, name: token.text, args };
    }
    return { kind: 'member', target, name: token.text };
  };

  const term = (): PathNode => {
    const token = peek();
    switch (token.type) {
      case 'string':
        next();
        return { kind: 'string', value: token.text };
      case 'number':
        next();
        return { kind: 'number', value: Number(token.text), integer: !token.text.includes('.') };
      case 'temporal':
        next();
        return { kind: 'temporal', value: token.text };
      case 'constant':
        next();
        return { kind: 'constant', name: token.text };
      case 'variable':
        if (token.text !== 'this')
          throw new PathSyntaxError(token.at, '$this ($index and $total are not supported)');
        next();
        return { kind: 'this' };
      case 'identifier': {
        const following = tokens[position + 1]!;
        const isCall = following.type === 'symbol' && following.text === '(';
        if (!isCall && !token.delimited && (token.text === 'true' || token.text === 'false')) {
          next();
          return { kind: 'boolean', value: token.text === 'true' };
        }
        if (!isCall && !token.delimited && wordOperators.has(token.text))
          throw new PathSyntaxError(token.at, 'an expression');
        return invocation(null);
      }
      case 'symbol':
        if (token.text === '(') {
          next();
          const inner = binary(0);
          expect(')');
          return inner;
        }
        if (token.text === '{') {
          next();
          expect('}');
          return { kind: 'empty' };
        }
        throw new PathSyntaxError(token.at, 'an expression');
      default:
        throw new PathSyntaxError(token.at, 'an expression');
    }
  };

  const tree = binary(0);
  const rest = peek();
  if (rest.type !== 'end') throw new PathSyntaxError(rest.at, 'an operator or the end of the expression');
  return tree;
}
