import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cli } from './testing/cli';

/**
 * The `eligo` commands the documentation shows, run: a ```` ```sh ```` block of one
 * `npm run -s eligo -- …` command followed by a ```` ```text ```` block must print that text (its
 * output and its messages, as a terminal shows them), so a page cannot show output the command no
 * longer gives. A command without its output shown must still succeed. Paths are the repository
 * root's, as on the pages.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const docs = join(root, 'docs');
const pages = [
  ...readdirSync(docs).filter((f) => f.endsWith('.md')),
  ...readdirSync(join(docs, 'trials')).map((f) => `trials/${f}`),
];

interface Shown {
  readonly where: string;
  readonly args: string[];
  readonly output?: string;
}

const COMMAND = 'npm run -s eligo -- ';

function commands(): Shown[] {
  const found: Shown[] = [];
  for (const page of pages) {
    const lines = readFileSync(join(docs, page), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (lines[i] !== '```sh') continue;
      let end = i + 1;
      while (end < lines.length && lines[end] !== '```') end++;
      const command = lines
        .slice(i + 1, end)
        .join('\n')
        .replace(/\\\n\s*/g, '');
      if (!command.startsWith(COMMAND) || command.includes('\n')) continue;
      let next = end + 1;
      while (next < lines.length && lines[next]!.trim() === '') next++;
      let output: string | undefined;
      if (lines[next] === '```text') {
        let close = next + 1;
        while (close < lines.length && lines[close] !== '```') close++;
        output = lines.slice(next + 1, close).join('\n');
      }
      const args = command.slice(COMMAND.length).trim().split(/\s+/);
      found.push({ where: `${page}:${i + 2}`, args, ...(output === undefined ? {} : { output }) });
      i = end;
    }
  }
  return found;
}

describe('the eligo commands of the documentation', () => {
  const shown = commands();

  it('are found on the tutorial, the FHIR guide and the walkthroughs', () => {
    const where = new Set(shown.map((c) => c.where.split(':')[0]));
    for (const page of ['tutorial.md', 'fhir-guide.md', 'trials/NCT06469190.md'])
      expect(where).toContain(page);
    expect(shown.filter((c) => c.output !== undefined).length).toBeGreaterThanOrEqual(7);
  });

  for (const { where, args, output } of shown) {
    const run = () =>
      cli(args.map((arg) => (arg.includes('/') && !arg.startsWith('-') ? join(root, arg) : arg)));
    if (output === undefined) {
      it(`${where} eligo ${args[0]} succeeds`, async () => {
        const r = await run();
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
      });
    } else {
      it(`${where} eligo ${args[0]} prints what the page shows`, async () => {
        const r = await run();
        expect(`${r.stdout}${r.stderr}`.trimEnd()).toBe(output);
      });
    }
  }
});
