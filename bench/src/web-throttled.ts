/**
 * How fast the web app is on a slow device: its own steps in Chromium with the CPU throttled 4×
 * (CDP `Emulation.setCPUThrottlingRate`), beside the same steps unthrottled in the same run, at a
 * desktop and a phone window. Each step is timed inside the page, from the event that starts it
 * to the DOM that ends it, so the test driver's own speed is not counted. Timings are reported,
 * never asserted.
 *
 *   pnpm --filter @eligo/bench run web -- [--runs 5]
 *
 * The app is built into a temporary folder and served here with the few API routes these steps
 * read, answered from the bundled trial: no database, no screening on a server.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compile } from '@eligo/core';
import { examplePath, readProtocolSource } from '@eligo/protocols';
import { describeMachine } from './machine';
import { summarize } from './stats';

const web = fileURLToPath(new URL('../../apps/web/', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'eligo_bench_throttled_web';
const ID = 'NCT06469190';
const VIEWPORTS = [
  { name: '1280×800', width: 1280, height: 800 },
  { name: '390×844', width: 390, height: 844 },
] as const;
const STEPS = [
  'first load to the verdict form',
  'import the worked example to its verdicts',
  'one answer to the new verdict',
  'pre-screen load to the first question',
] as const;
type Step = (typeof STEPS)[number];

// playwright-core is the web app's (its browser tests drive the same Chromium), not the bench's.
const { chromium } = createRequire(join(web, 'package.json'))('playwright-core') as {
  chromium: { launch(options: { executablePath: string; args: string[] }): Promise<Browser> };
};
interface Browser {
  newPage(options: { viewport: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}
interface Page {
  context(): {
    newCDPSession(page: Page): Promise<{ send(method: string, params: object): Promise<unknown> }>;
  };
  addInitScript(script: string): Promise<void>;
  goto(url: string): Promise<unknown>;
  waitForFunction(expression: string, arg?: unknown, options?: { timeout: number }): Promise<unknown>;
  evaluate<T>(expression: string): Promise<T>;
  locator(selector: string): Locator;
  close(): Promise<void>;
}
interface Locator {
  setInputFiles(file: string): Promise<void>;
  filter(options: { hasText: string }): Locator;
  getByLabel(text: string, options: { exact: boolean }): Locator;
  check(): Promise<void>;
}

/**
 * Marks, in the page, the moment each step starts (the file input's or a radio's change event, at
 * capture, before the app's own handler) and ends (the DOM showing its result), as
 * `performance.now()`: milliseconds since the navigation started.
 */
const INSTRUMENT = `(() => {
  const marks = {};
  window.__marks = marks;
  const mark = (name) => { if (!(name in marks)) marks[name] = performance.now(); };
  const verdicts = () => [...document.querySelectorAll('section.cohort .verdict')].map((v) => v.textContent).join('|');
  let before;
  document.addEventListener('change', (e) => {
    if (e.target.matches('input[type=file]')) mark('importStart');
    if (e.target.matches('input[type=radio]')) { before = verdicts(); mark('answerStart'); }
  }, true);
  new MutationObserver(() => {
    if (document.querySelectorAll('section.cohort').length >= 3 && document.querySelector('input[type=file]')) mark('ready');
    const now = verdicts();
    if ('importStart' in marks && now !== '' && !now.includes('No patient yet')) mark('imported');
    if ('answerStart' in marks && now !== before) mark('answered');
    if (document.querySelector('ol.questions li')) mark('question');
  }).observe(document, { subtree: true, childList: true, characterData: true });
})()`;

function build(): string {
  const outDir = mkdtempSync(join(tmpdir(), 'eligo-web-bench-'));
  execFileSync(
    join(web, 'node_modules/.bin/vite'),
    ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    {
      cwd: web,
      stdio: 'inherit',
    },
  );
  return outDir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** The built app (every other path is the app's index.html) and the API routes its steps read. */
function serve(dir: string): Promise<{ url: string; close(): void }> {
  const nct = readProtocolSource(ID);
  const compiled = compile(nct.text, { name: nct.name });
  if (!compiled.ok) throw new Error(`${ID} does not compile`);
  const info = compiled.protocol.info;
  const latest = { version: 1, hash: info.hash, publishedAt: '2025-03-01T00:00:00Z' };
  const routes: Record<string, unknown> = {
    '/v1/protocols': {
      protocols: [{ id: ID, title: info.title ?? null, latest, draftUpdatedAt: null }],
    },
    [`/v1/protocols/${ID}`]: {
      id: ID,
      ...latest,
      title: info.title ?? null,
      publishedBy: 'bench',
      trialVersion: info.version ?? null,
      source: nct,
      cohorts: info.cohorts,
      criteria: [],
      elements: info.elements,
      questions: info.elements.filter((e) => e.kind === 'question'),
      inputSchema: {},
    },
    [`/v1/trials/${ID}`]: {
      id: ID,
      version: 1,
      title: info.title ?? null,
      publishedAt: latest.publishedAt,
      source: nct,
    },
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path.startsWith('/v1/')) {
      const body = routes[path];
      const open = path.startsWith('/v1/trials/') || req.headers.authorization === `Bearer ${TOKEN}`;
      res.writeHead(body && open ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body ?? { error: { code: 'not_found', message: path } }));
      return;
    }
    const file = join(dir, normalize(path));
    const found =
      file.startsWith(dir) && existsSync(file) && statSync(file).isFile() ? file : join(dir, 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(found)] ?? 'application/octet-stream' });
    res.end(readFileSync(found));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => server.close(),
      }),
    ),
  );
}

const marks = (page: Page) => page.evaluate<Record<string, number>>('window.__marks');
const waitMark = (page: Page, name: string) =>
  page.waitForFunction(`window.__marks && ${JSON.stringify(name)} in window.__marks`, undefined, {
    timeout: 120_000,
  });

/** One run of every step in a fresh browser context (nothing cached), throttled by `rate`. */
async function run(browser: Browser, url: string, viewport: { width: number; height: number }, rate: number) {
  const times = {} as Record<Step, number>;
  const open = async () => {
    const page = await browser.newPage({ viewport });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    await page.addInitScript(INSTRUMENT);
    return page;
  };

  const app = await open();
  await app.addInitScript(`sessionStorage.setItem('eligo.token', ${JSON.stringify(TOKEN)})`);
  await app.goto(url);
  await waitMark(app, 'ready');
  times['first load to the verdict form'] = (await marks(app)).ready!;
  await app.locator('input[type=file]').setInputFiles(examplePath(ID, 'eligible-igan.json'));
  await waitMark(app, 'imported');
  const imported = await marks(app);
  times['import the worked example to its verdicts'] = imported.imported! - imported.importStart!;
  await app
    .locator('fieldset')
    .filter({ hasText: 'signed the informed consent' })
    .getByLabel('No', { exact: true })
    .check();
  await waitMark(app, 'answered');
  const answered = await marks(app);
  times['one answer to the new verdict'] = answered.answered! - answered.answerStart!;
  await app.close();

  const prescreen = await open();
  await prescreen.goto(`${url}/trials/${ID}/prescreen`);
  await waitMark(prescreen, 'question');
  times['pre-screen load to the first question'] = (await marks(prescreen)).question!;
  await prescreen.close();
  return times;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: { runs: { type: 'string', default: '5' }, rate: { type: 'string', default: '4' } },
  });
  const runs = Number(values.runs);
  const rates = [1, Number(values.rate)];
  const progress = (s: string) => process.stderr.write(`bench web: ${s}\n`);
  const machine = describeMachine();
  progress('building the web app');
  const dir = build();
  const server = await serve(dir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-sync',
    ],
  });
  const samples = new Map<string, number[]>();
  try {
    // Throttled and unthrottled runs alternate, so that a slow spell of the machine hits both.
    for (const viewport of VIEWPORTS) {
      for (let i = 0; i < runs; i++) {
        for (const rate of rates) {
          progress(`${viewport.name}, CPU ${rate}× slower, run ${i + 1} of ${runs}`);
          const times = await run(browser, server.url, viewport, rate);
          for (const step of STEPS) {
            const key = `${viewport.name} ${rate} ${step}`;
            samples.set(key, [...(samples.get(key) ?? []), times[step]]);
          }
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }

  const ms = (n: number) => `${Math.round(n).toLocaleString('en-US')} ms`;
  const lines = [
    `${new Date().toISOString()}, ${machine.cpu}, ${machine.cores} cores, load ${machine.loadAverage}; median of ${runs} runs (min–max)`,
    '',
    `| window | step | unthrottled | CPU ${rates[1]}× slower | ratio |`,
    '| --- | --- | ---: | ---: | ---: |',
  ];
  for (const viewport of VIEWPORTS) {
    for (const step of STEPS) {
      const [base, slow] = rates.map((rate) =>
        summarize(samples.get(`${viewport.name} ${rate} ${step}`) ?? []),
      );
      lines.push(
        `| ${viewport.name} | ${step} | ${ms(base!.median)} (${ms(base!.min)}–${ms(base!.max)}) | ${ms(slow!.median)} (${ms(slow!.min)}–${ms(slow!.max)}) | ${(slow!.median / base!.median).toFixed(1)}× |`,
      );
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench web: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
