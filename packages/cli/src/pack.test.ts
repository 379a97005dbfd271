import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledProtocols, examplePath } from '@eligo/protocols';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The packages as a user gets them: each packed to a tarball the way it would be published
 * (`publishConfig`, `files`, workspace versions resolved), installed with npm into a project that
 * has never seen this repository, then imported and run. Needs the packages built (`dist/`, the
 * turbo `build` task this test depends on) and the npm registry for their dependencies.
 */
const here = dirname(fileURLToPath(import.meta.url));
const packagesDir = join(here, '..', '..');
const scratch = mkdtempSync(join(tmpdir(), 'eligo-pack-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const published = ['core', 'fhir', 'cli', 'client'];

/** The folder of every installed package the published ones declare, transitively. */
function declaredDependencies(): Set<string> {
  const found = new Set<string>();
  const versions = new Map<string, string>();
  const visit = (dir: string, modules: string) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const names = Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies });
    for (const name of names.filter((n) => !n.startsWith('@eligo/'))) {
      const link = join(modules, name);
      if (!existsSync(link)) {
        if (manifest.optionalDependencies?.[name]) continue;
        throw new Error(`${manifest.name} declares ${name}, which is not installed`);
      }
      const real = realpathSync(link);
      if (found.has(real)) continue;
      const version = JSON.parse(readFileSync(join(real, 'package.json'), 'utf8')).version;
      if (versions.has(name) && versions.get(name) !== version) {
        throw new Error(`two versions of ${name} cannot both be installed from one folder`);
      }
      versions.set(name, version);
      found.add(real);
      // pnpm keeps a package's own dependencies beside it, in the node_modules that holds it.
      visit(real, real.slice(0, real.length - name.length - 1));
    }
  };
  for (const name of published) {
    visit(join(packagesDir, name), join(packagesDir, name, 'node_modules'));
  }
  return found;
}

beforeAll(() => {
  const tarballs = join(scratch, 'tarballs');
  for (const name of published) {
    run('pnpm', ['pack', '--pack-destination', tarballs], join(packagesDir, name));
  }
  const dependencies = join(scratch, 'dependencies');
  mkdirSync(dependencies);
  // npm skips link entries, and pnpm hard-links identical files: each file is stored whole.
  const whole = ['--hard-dereference', '--exclude=./node_modules', '--transform', 's,^\\.,package,'];
  [...declaredDependencies()].forEach((dir, index) => {
    run('tar', ['-czf', join(dependencies, `${index}.tgz`), ...whole, '-C', dir, '.'], scratch);
  });
  const project = join(scratch, 'project');
  cpSync(bundledProtocols.NCT06469190, join(project, 'trial.elig'));
  cpSync(examplePath('NCT06469190', 'eligible-igan.json'), join(project, 'patient.json'));
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'user', private: true, type: 'module' }),
  );
  const files = [tarballs, dependencies].flatMap((dir) => readdirSync(dir).map((file) => join(dir, file)));
  const cache = join(scratch, 'npm-cache');
  run('npm', ['install', '--offline', '--cache', cache, '--no-audit', '--no-fund', ...files], project);
}, 180_000);

describe('the packed packages', () => {
  it('hold only what they publish, with workspace versions resolved', () => {
    const listing = run(
      'tar',
      ['-tzf', readdirSync(join(scratch, 'tarballs')).find((f) => f.includes('core'))!],
      join(scratch, 'tarballs'),
    );
    expect(listing.split('\n').filter((f) => f.startsWith('package/src/'))).toEqual([]);
    expect(listing).toContain('package/dist/index.js');
    expect(listing).toContain('package/dist/index.d.ts');
    const installed = join(scratch, 'project', 'node_modules', '@eligo', 'fhir', 'package.json');
    const fhir = JSON.parse(readFileSync(installed, 'utf8'));
    expect(fhir.dependencies['@eligo/core']).toBe('0.1.0');
    expect(fhir.exports['.'].default).toBe('./dist/index.js');
  });

  it('compile and screen from plain Node, with types', () => {
    const script = [
      "import { readFileSync } from 'node:fs';",
      "import { compile } from '@eligo/core';",
      "import { screenDocument } from '@eligo/fhir';",
      "const compiled = compile(readFileSync('trial.elig', 'utf8'));",
      "if (!compiled.ok) throw new Error('did not compile');",
      "const outcome = screenDocument(compiled.protocol, JSON.parse(readFileSync('patient.json', 'utf8')));",
      "if (!outcome.ok) throw new Error('input refused');",
      'console.log(JSON.stringify(outcome.screening.cohorts.map((c) => [c.id, c.verdict])));',
    ].join('\n');
    writeFileSync(join(scratch, 'project', 'screen.mjs'), script);
    const verdicts = new Map(
      JSON.parse(run('node', ['screen.mjs'], join(scratch, 'project'))) as [string, string][],
    );
    expect(verdicts.get('IgAN')).toBe('eligible');
  }, 30_000);

  it('type-check a TypeScript user against the published declarations', () => {
    const source = [
      "import { compile, type Screening } from '@eligo/core';",
      "import { screenDocument } from '@eligo/fhir';",
      'const compiled = compile(\'trial X "x"\');',
      'if (compiled.ok) {',
      '  const outcome = screenDocument(compiled.protocol, {});',
      '  const first: Screening | undefined = outcome.ok ? outcome.screening : undefined;',
      '  const wrong: number = first?.asOf ?? 0;',
      '  console.log(wrong);',
      '}',
      "import { createEligoClient } from '@eligo/client';",
      "const api = createEligoClient({ baseUrl: 'https://eligo.example.org', token: 'eligo_x' });",
      "void api.POST('/protocols/{id}/screenings', { params: { path: { id: 'X' } }, body: { asOf: 1 } });",
    ].join('\n');
    writeFileSync(join(scratch, 'project', 'use.ts'), source);
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const checked = spawnSync(
      'node',
      [tsc, '--noEmit', '--strict', '--module', 'nodenext', '--skipLibCheck', 'false', 'use.ts'],
      { cwd: join(scratch, 'project'), encoding: 'utf8' },
    );
    // The only errors are the lines written to be wrong: the declarations resolved and carry types.
    expect(checked.stdout.trim().split('\n')).toEqual([
      "use.ts(7,9): error TS2322: Type 'string | 0' is not assignable to type 'number'.",
      "  Type 'string' is not assignable to type 'number'.",
      "use.ts(12,86): error TS2322: Type 'number' is not assignable to type 'string'.",
    ]);
  }, 60_000);

  it('run as `npx eligo`, without the package runner speaking', () => {
    const checked = spawnSync('npx', ['--no-install', 'eligo', 'check', 'trial.elig'], {
      cwd: join(scratch, 'project'),
      encoding: 'utf8',
    });
    expect(checked.status).toBe(0);
    expect(checked.stdout).toBe('trial.elig: no problems\n');
    expect(checked.stderr).toBe('');
    const broken = spawnSync('npx', ['--no-install', 'eligo', 'check', 'missing.elig'], {
      cwd: join(scratch, 'project'),
      encoding: 'utf8',
    });
    expect(broken.status).toBe(2);
  }, 30_000);
});
