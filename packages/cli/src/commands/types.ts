import { emitTypes } from '@eligo/core';
import type { Io } from '../io';
import { loadProtocol } from './load';

export async function typesCommand(io: Io, file: string): Promise<number> {
  const protocol = await loadProtocol(io, file);
  if (!protocol) return 1;
  io.stdout(emitTypes(protocol.info));
  return 0;
}
