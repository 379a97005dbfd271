import { describe, expect, it } from 'vitest';
import { asProtocol as asProtocolIn } from '../../../docs/.vitepress/examples';
import context from '../../../docs/examples/context.elig?raw';
import { compile } from './compile';

/**
 * Every `eligo` example of the documentation, compiled, so that the pages cannot drift from the
 * language: a whole protocol as it is, a fragment after the declarations of
 * docs/examples/context.elig. On docs/diagnostics.md each example must give the code of its
 * section; everywhere else, no error. Only a block marked ```` ```eligo elided ```` (text left out,
 * as in a 400-digit number written with `…`) is not compiled.
 */
const pages = import.meta.glob<string>('../../../docs/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});

interface Example {
  readonly page: string;
  readonly line: number;
  readonly text: string;
  /** On docs/diagnostics.md: the section's code. */
  readonly code?: string;
}

function examples(): Example[] {
  const found: Example[] = [];
  for (const [path, markdown] of Object.entries(pages)) {
    const page = path.split('/').pop()!;
    let code: string | undefined;
    const lines = markdown.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const heading = /^### ([EW]\d{4})\s*$/.exec(lines[i]!);
      if (heading) code = heading[1];
      if (lines[i] !== '```eligo') continue;
      const start = i + 1;
      while (i + 1 < lines.length && lines[i + 1] !== '```') i++;
      const text = lines.slice(start, i + 1).join('\n');
      found.push({ page, line: start, text, ...(page === 'diagnostics.md' && code ? { code } : {}) });
      i++;
    }
  }
  return found;
}

/** A fragment as a protocol, after the context's declarations (as the playground links open it). */
const asProtocol = (fragment: string): string => asProtocolIn(fragment, context);

describe('the examples of the documentation', () => {
  const all = examples();

  it('are found on the pages that show the language', () => {
    const pagesWithExamples = new Set(all.map((e) => e.page));
    for (const page of ['language.md', 'diagnostics.md', 'calculators.md', 'index.md']) {
      expect(pagesWithExamples).toContain(page);
    }
    expect(all.length).toBeGreaterThanOrEqual(30);
  });

  for (const example of all) {
    const where = `${example.page}:${example.line}`;
    if (example.code) {
      it(`${where} gives ${example.code}`, () => {
        const { diagnostics } = compile(asProtocol(example.text));
        expect(diagnostics.map((d) => d.code)).toContain(example.code);
      });
    } else {
      it(`${where} compiles without errors`, () => {
        const { diagnostics } = compile(asProtocol(example.text));
        expect(
          diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`),
        ).toEqual([]);
      });
    }
  }
});
