import { basename } from 'node:path';
import { format, renderDiagnostics, Source } from '@eligo/core';
import type { Io } from '../io';

export async function fmtCommand(
  io: Io,
  file: string,
  options: { write?: boolean; check?: boolean },
): Promise<number> {
  const source = new Source(await io.readFile(file), basename(file));
  const { text, diagnostics } = format(source);
  if (text === undefined) {
    io.stderr(renderDiagnostics(diagnostics, source));
    return 1;
  }
  if (options.check) {
    if (text === source.body) return 0;
    io.stderr(`${source.name}: not formatted\n`);
    return 1;
  }
  if (options.write) {
    if (text !== source.body) await io.writeFile(file, text);
    return 0;
  }
  io.stdout(text);
  return 0;
}
