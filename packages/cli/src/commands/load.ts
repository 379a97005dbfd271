import { basename } from 'node:path';
import { type CompiledProtocol, compile, renderDiagnostics, Source } from '@eligo/core';
import type { Io } from '../io';

/** Reads and compiles a protocol; prints its diagnostics to stderr when it does not compile. */
export async function loadProtocol(io: Io, file: string): Promise<CompiledProtocol | undefined> {
  const source = new Source(await io.readFile(file), basename(file));
  const { protocol, diagnostics } = compile(source);
  if (!protocol) {
    io.stderr(renderDiagnostics(diagnostics, source));
    return undefined;
  }
  return protocol;
}
