import { parentPort } from 'node:worker_threads';
import { compile } from '@eligo/core';
import type { CompileReply, CompileRequest } from './pool';

/**
 * A compile thread: criteria text in, what the routes answer with out (the protocol's id, title
 * and hash, and the located diagnostics, all plain data). The compiled protocol itself holds
 * functions and stays here; screening compiles a published version once, into its cache.
 */
const port = parentPort!;

port.on('message', (request: CompileRequest) => {
  const started = performance.now();
  const compiled = compile(request.text, { name: request.name });
  const info = compiled.ok ? compiled.protocol.info : undefined;
  const reply: CompileReply = {
    id: request.id,
    ok: compiled.ok,
    protocol: info ? { id: info.id, title: info.title, hash: info.hash, version: info.version } : undefined,
    diagnostics: compiled.diagnostics,
    ms: performance.now() - started,
  };
  port.postMessage(reply);
});
port.postMessage('ready');
