import type { InputProblem } from './screening';

/**
 * A problem the input validation found, as a sentence for a coordinator: the data element's label
 * and the path in the input, and the validator's message reworded where its wording is a
 * programmer's ("Invalid option: expected one of \"male\"|\"female\"").
 */
export function readableProblem(problem: InputProblem, labelOf: (id: string) => string | undefined): string {
  const [section, element] = problem.path.split(/[.[]/);
  const label = (section === 'facts' || section === 'answers') && element ? labelOf(element) : undefined;
  const where = problem.path === '' ? '' : label ? `${label} (${problem.path}): ` : `${problem.path}: `;
  return `${where}${reword(problem.message, section)}`.replace(/\.?$/, '.');
}

function reword(message: string, section: string | undefined): string {
  const option = /^Invalid option: expected one of (.+)$/.exec(message);
  if (option)
    return `expected one of ${list(
      [...option[1]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!),
      'or',
    )}`;
  const type = /^Invalid input: expected (\w+), received (\w+)$/.exec(message);
  if (type) return `expected ${article(type[1]!)}, got ${article(type[2]!)}`;
  const keys = /^Unrecognized keys?: (.+)$/.exec(message);
  if (keys) {
    const names = [...keys[1]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
    const are = names.length === 1 ? 'is' : 'are';
    if (section === 'facts') return `${list(names, 'and')} ${are} not data this protocol reads`;
    if (section === 'answers') return `${list(names, 'and')} ${are} not questions this protocol asks`;
    return `${list(names, 'and')} ${are} not expected here`;
  }
  return message;
}

function list(items: readonly string[], last: 'and' | 'or'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;
}

function article(type: string): string {
  if (type === 'null' || type === 'undefined') return type;
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}
