/**
 * How a documentation example becomes a whole protocol. The examples on the pages are often
 * fragments (`met if …` lines, a criterion, a declaration); they are read after the declarations
 * of docs/examples/context.elig, less those the fragment declares itself. The docs examples test
 * (packages/core/src/docs.examples.test.ts) compiles every example this way, and the "Open in
 * playground" links carry the same text, so what a reader opens is what the test compiled.
 */
const SECTION = /^(inclusion|exclusion|cohort)\b/m;
const DECLARED =
  /^(?:patient|lab|test|condition|medication|procedure|allergy|encounter|question|define)\s+(\w+)/gm;

/** A fragment as a protocol: the context's declarations (less those it redeclares), then it. */
export function asProtocol(fragment: string, context: string): string {
  if (/^trial\s/.test(fragment)) return fragment;
  const own = new Set([...fragment.matchAll(DECLARED)].map((m) => m[1]!));
  const declarations = context
    .split('\n')
    .filter((line) => !own.has([...line.matchAll(DECLARED)][0]?.[1] ?? ''))
    .join('\n');
  // `records complete …` and `screening …` belong right after the trial line.
  const [trial, ...rest] = declarations.split('\n').filter((line) => !line.startsWith('#'));
  const header = fragment.split('\n').filter((line) => /^(records|screening)\b/.test(line));
  const remaining = fragment
    .split('\n')
    .filter((line) => !/^(records|screening)\b/.test(line))
    .join('\n');
  const start = [trial!, ...header, ...rest].join('\n');
  if (SECTION.test(remaining)) return `${start}\n${remaining}\n`;
  const top: string[] = [];
  const criteria: string[] = [];
  let n = 0;
  for (const line of remaining.split('\n')) {
    if (/^\s*met if\b/.test(line)) criteria.push(`  DOC-${++n}`, `    ${line.trim()}`);
    else if (/^\s*[A-Z][\w.-]*\s+met if\b/.test(line)) criteria.push(`  ${line.trim()}`);
    else if (criteria.length === 0) top.push(line);
    else criteria.push(`      ${line.trim()}`);
  }
  const body = criteria.length > 0 ? `inclusion\n${criteria.join('\n')}\n` : '';
  return `${start}\n${top.join('\n')}\n${body}`;
}
