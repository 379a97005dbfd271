import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIMITS } from '@eligo/core';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'eligo-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
const head = 'trial T "t"\nquestion v "V": count\nquestion y "Y": yes/no\n';
const chain = (terms: number) => Array.from({ length: terms }, () => 'v >= 1').join(' and ');

/** `eligo check --json` in a process of its own, with the given stack (KiB; Node's default is 984). */
function check(name: string, rule: string, stackKb?: number) {
  const file = join(dir, name);
  writeFileSync(file, `${head}inclusion\n  A-1 source "s" met if ${rule}\n`);
  const flags = stackKb === undefined ? [] : [`--stack-size=${stackKb}`];
  const result = spawnSync(process.execPath, [...flags, '--import', 'tsx', main, 'check', '--json', file], {
    encoding: 'utf8',
  });
  const report = JSON.parse(result.stdout) as {
    diagnostics: { code: string; severity: string; message: string }[];
  };
  const errors = report.diagnostics.filter((d) => d.severity === 'error');
  return { status: result.status, errors: errors.map((d) => `${d.code} ${d.message}`) };
}

describe('limits in eligo check', () => {
  const n = LIMITS.nesting;
  const terms = LIMITS.operators + 1;
  // The shape that costs the grammar engine the most stack per level, with the longest rule inside.
  const atLimit = `${'any of ('.repeat(n)}${chain(terms)}${')'.repeat(n)}`;
  const overNesting = `${'('.repeat(140)}v >= 1${')'.repeat(140)}`;

  // Half of Node's default stack: the grammar engine and every phase after it fit in it at the limits.
  for (const stackKb of [undefined, 492]) {
    const stack = stackKb === undefined ? "Node's default stack" : `a ${stackKb} KiB stack`;

    it(`compiles a text at every limit with ${stack}`, () => {
      expect(check(`at-limit-${stackKb}.elig`, atLimit, stackKb)).toEqual({ status: 0, errors: [] });
    });

    it(`refuses 140 nested parentheses and a 1,000-term chain with E0008 and E0009 with ${stack}`, () => {
      expect(check(`parens-${stackKb}.elig`, overNesting, stackKb)).toEqual({
        status: 1,
        errors: [
          "E0008 nested too deeply: this '(' is level 25; '(', 'not' and 'if' may nest at most 24 levels deep",
        ],
      });
      expect(check(`chain-${stackKb}.elig`, chain(1_000), stackKb)).toEqual({
        status: 1,
        errors: [
          "E0009 rule too long: this 'and' is operator 129; one rule may have at most 128 (and, or, unless, given, +, -, *, /), the defines it uses included",
        ],
      });
    });
  }
});
