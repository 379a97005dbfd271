import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { testApp } from '../testing/support';

const cliMain = fileURLToPath(new URL('../../../../packages/cli/src/main.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'eligo-parity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Located {
  code: string;
  severity: string;
  message: string;
  start?: { line: number; column: number };
}

const errorsOf = (list: Located[]) =>
  list.filter((d) => d.severity === 'error').map(({ code, message, start }) => ({ code, message, start }));

/** What `eligo check --json` reports, from a process of its own. */
function cli(name: string, text: string): Located[] {
  const file = join(dir, name);
  writeFileSync(file, text);
  const result = spawnSync(process.execPath, ['--import', 'tsx', cliMain, 'check', '--json', file], {
    encoding: 'utf8',
  });
  return (JSON.parse(result.stdout) as { diagnostics: Located[] }).diagnostics;
}

const protocol = (rule: string) =>
  `trial T "t"\nquestion v "V": count\ninclusion\n  A-1 source "s" met if ${rule}\n`;

describe('the CLI and the API give one answer for one text', async () => {
  const t = await testApp({ bodyLimit: 1024 * 1024 });
  const cases = {
    'a 1,000-term and chain': protocol(Array.from({ length: 1_000 }, () => 'v >= 1').join(' and ')),
    '140 nested parentheses': protocol(`${'('.repeat(140)}v >= 1${')'.repeat(140)}`),
  };

  for (const [what, text] of Object.entries(cases)) {
    it(what, async () => {
      const name = 'parity.elig';
      const fromCli = errorsOf(cli(name, text));
      const check = await t.request('POST', '/v1/check', { role: 'viewer', body: { text, name } });
      const fromCheck = errorsOf(((await check.json()) as { diagnostics: Located[] }).diagnostics);
      const draft = await t.request('POST', '/v1/protocols', { role: 'author', body: { text, name } });
      expect(draft.status).toBe(422);
      const fromDraft = errorsOf(
        ((await draft.json()) as { error: { diagnostics: Located[] } }).error.diagnostics,
      );

      expect(fromCli).toHaveLength(1);
      expect(fromCli[0]!.code).toMatch(/^E000[89]$/);
      expect(fromCheck).toEqual(fromCli);
      expect(fromDraft).toEqual(fromCli);
    });
  }
});
