import { basename } from 'node:path';
import { compile, renderDiagnostics, Source } from '@eligo/core';
import type { Io } from '../io';
import { forTerminal } from '../terminal';

export async function checkCommand(io: Io, file: string, options: { json?: boolean }): Promise<number> {
  const source = new Source(await io.readFile(file), basename(file));
  const { diagnostics } = compile(source);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (options.json) {
    io.stdout(`${JSON.stringify({ file: source.name, errors, diagnostics }, null, 2)}\n`);
  } else if (diagnostics.length > 0) {
    io.stdout(forTerminal(renderDiagnostics(diagnostics, source)));
    const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
    io.stdout(`${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
  } else {
    io.stdout(forTerminal(`${source.name}: no problems\n`));
  }
  return errors > 0 ? 1 : 0;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
