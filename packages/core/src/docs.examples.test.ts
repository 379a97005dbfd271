import { describe, expect, it } from 'vitest';
import { asProtocol as asProtocolIn } from '../../../docs/.vitepress/examples';
import context from '../../../docs/examples/context.elig?raw';
import tutorialProtocol from '../../../docs/examples/tutorial/NCT02345057.elig?raw';
import { compile } from './compile';
import { parseScreeningInput } from './screen/input';
import { screen } from './screen/screen';

/**
 * Every `eligo` example of the documentation, compiled, so that the pages cannot drift from the
 * language: a whole protocol as it is, a fragment after the declarations of
 * docs/examples/context.elig. On docs/diagnostics.md each example must give the code of its
 * section; everywhere else, no error. A block marked ```` ```eligo elided ```` (text left out, as
 * in a 400-digit number written with `…`) is not compiled.
 *
 * An example followed by a ```` ```json screening ```` block (only blank lines between) is screened
 * too: the block holds the input (`asOf`, `facts`, `answers`) and `result`, each criterion's id
 * (`DOC-1`, … for `met if` lines) with the explanation the screening gives, which ends in its
 * status. The page shows what the language does, and the test proves it still does.
 *
 * On a trial's walkthrough (docs/trials/ID.md), a ```` ```eligo excerpt ```` block quotes the
 * encoding: its lines must stand, in order and together, in packages/protocols/ID/ID.elig; on the
 * tutorial, in the protocol it builds (docs/examples/tutorial/NCT02345057.elig).
 */
const pages = import.meta.glob<string>('../../../docs/{*,trials/*}.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});

const protocolFiles = import.meta.glob<string>('../../protocols/NCT*/*.elig', {
  query: '?raw',
  import: 'default',
  eager: true,
});

interface Screened {
  readonly line: number;
  readonly json: string;
}

interface Example {
  readonly page: string;
  readonly line: number;
  readonly text: string;
  readonly marker: string;
  /** On docs/diagnostics.md: the section's code. */
  readonly code?: string;
  readonly screened?: Screened;
}

const MARKERS = ['', 'elided', 'excerpt'];

function examples(): Example[] {
  const found: Example[] = [];
  for (const [path, markdown] of Object.entries(pages)) {
    const page = path.slice(path.indexOf('/docs/') + '/docs/'.length);
    let code: string | undefined;
    const lines = markdown.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const heading = /^### ([EW]\d{4})\s*$/.exec(lines[i]!);
      if (heading) code = heading[1];
      const fence = /^```eligo(?:\s+(.*))?$/.exec(lines[i]!);
      if (!fence) continue;
      const start = i + 1;
      while (i + 1 < lines.length && lines[i + 1] !== '```') i++;
      const text = lines.slice(start, i + 1).join('\n');
      i++;
      let next = i + 1;
      while (next < lines.length && lines[next]!.trim() === '') next++;
      let screened: Screened | undefined;
      if (lines[next] === '```json screening') {
        const from = next + 1;
        let end = from;
        while (end < lines.length && lines[end] !== '```') end++;
        screened = { line: from, json: lines.slice(from, end).join('\n') };
      }
      found.push({
        page,
        line: start,
        text,
        marker: (fence[1] ?? '').trim(),
        ...(page === 'diagnostics.md' && code ? { code } : {}),
        ...(screened ? { screened } : {}),
      });
    }
  }
  return found;
}

/** A fragment as a protocol, after the context's declarations (as the playground links open it). */
const asProtocol = (fragment: string): string => asProtocolIn(fragment, context);

/** The `result` of a ```` ```json screening ```` block, as the screening gives it now. */
function screenExample(example: Example): { expected: unknown; actual: unknown } {
  const { protocol, diagnostics } = compile(asProtocol(example.text));
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const { result, ...input } = JSON.parse(example.screened!.json) as { result: unknown };
  const parsed = parseScreeningInput(protocol!, input);
  if (!parsed.ok) throw new Error(`invalid input: ${JSON.stringify(parsed.issues)}`);
  const screening = screen(protocol!, parsed.input);
  const actual: Record<string, string> = {};
  for (const cohort of screening.cohorts)
    for (const criterion of cohort.criteria) actual[criterion.id] = criterion.explanation;
  return { expected: result, actual };
}

/** The protocol a page's excerpts quote: a walkthrough's trial, or the tutorial's. */
function quotedProtocol(page: string): string | undefined {
  if (page === 'tutorial.md') return tutorialProtocol;
  const trial = /^trials\/(.+)\.md$/.exec(page)?.[1];
  return Object.entries(protocolFiles).find(([path]) => path.endsWith(`/${trial}.elig`))?.[1];
}

/**
 * The anchor VitePress gives a heading: its text without markup, as @mdit-vue's slugify makes it
 * (VitePress checks that linked pages exist, not that their headings do).
 */
function slug(heading: string): string {
  const text = heading.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replaceAll('`', '');
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036F]/g, '')
    .replace(/[\s~`!@#$%^&*()\-_+=[\]{}|\\;:"'“”‘’<>,.?/]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^(\d)/, '_$1')
    .toLowerCase();
}

/** Every heading anchor of each page, by its path under docs/. */
function anchors(): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>();
  for (const [path, markdown] of Object.entries(pages)) {
    const page = path.slice(path.indexOf('/docs/') + '/docs/'.length);
    const ids = new Set<string>();
    let fenced = false;
    for (const line of markdown.split('\n')) {
      if (line.startsWith('```')) fenced = !fenced;
      const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*$/.exec(line);
      if (heading) ids.add(slug(heading[1]!));
    }
    found.set(page, ids);
  }
  return found;
}

/** Links from one page to another page of the site (or to a heading of itself) that lead nowhere. */
function deadLinks(): string[] {
  const headings = anchors();
  const dead: string[] = [];
  for (const [path, markdown] of Object.entries(pages)) {
    const page = path.slice(path.indexOf('/docs/') + '/docs/'.length);
    const folder = page.includes('/') ? page.slice(0, page.lastIndexOf('/') + 1) : '';
    const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
    for (const [, target] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target!) || target!.startsWith('/')) continue;
      const [file, hash] = target!.split('#') as [string, string | undefined];
      if (file !== '' && !file.endsWith('.md')) continue;
      const parts = `${folder}${file.replace(/^\.\//, '')}`.split('/');
      const resolved: string[] = [];
      for (const part of parts) part === '..' ? resolved.pop() : resolved.push(part);
      const linked = file === '' ? page : resolved.join('/');
      const ids = headings.get(linked);
      if (!ids) dead.push(`${page}: ${target} (no page ${linked})`);
      else if (hash && !ids.has(hash)) dead.push(`${page}: ${target} (no heading #${hash})`);
    }
  }
  return dead;
}

/** Whether `excerpt`'s lines stand, in order and together, in `file` (indentation aside). */
function quotes(file: string, excerpt: string): boolean {
  const want = excerpt.split('\n').map((line) => line.trim());
  const have = file.split('\n').map((line) => line.trim());
  for (let at = 0; at + want.length <= have.length; at++)
    if (want.every((line, k) => have[at + k] === line)) return true;
  return false;
}

describe('the examples of the documentation', () => {
  const all = examples();

  it('are found on the pages that show the language', () => {
    const pagesWithExamples = new Set(all.map((e) => e.page));
    for (const page of ['language.md', 'diagnostics.md', 'calculators.md', 'index.md']) {
      expect(pagesWithExamples).toContain(page);
    }
    expect(all.length).toBeGreaterThanOrEqual(30);
  });

  it('are marked only as compiled, elided or quoted', () => {
    expect(all.filter((e) => !MARKERS.includes(e.marker)).map((e) => `${e.page}:${e.line}`)).toEqual([]);
  });

  it("show the tutorial's protocol whole, as its file is", () => {
    expect(pages['../../../docs/tutorial.md']).toContain(`\`\`\`eligo\n${tutorialProtocol}\`\`\``);
  });

  it('link only to pages and headings that exist', () => {
    expect(deadLinks()).toEqual([]);
  });

  it('screen a patient on the reference pages', () => {
    const screenedPages = new Set(all.filter((e) => e.screened).map((e) => e.page));
    expect(screenedPages).toContain('language.md');
    expect(screenedPages).toContain('language-examples.md');
    expect(all.filter((e) => e.screened).length).toBeGreaterThanOrEqual(10);
  });

  for (const example of all) {
    const where = `${example.page}:${example.line}`;
    if (example.marker === 'elided') continue;
    if (example.marker === 'excerpt') {
      it(`${where} quotes its protocol`, () => {
        const file = quotedProtocol(example.page);
        expect(file, `no protocol for the excerpts of ${example.page}`).toBeDefined();
        expect(quotes(file!, example.text)).toBe(true);
      });
      continue;
    }
    if (example.screened) {
      it(`${where} screens as the page shows`, () => {
        const { expected, actual } = screenExample(example);
        expect(actual).toEqual(expected);
      });
    }
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
