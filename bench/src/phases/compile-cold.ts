/**
 * One cold compile in a fresh process: load @eligo/core (timed), then compile NCT06469190 once
 * (timed). Imports nothing statically, so the first clock covers all of the library's loading.
 */
const t0 = performance.now();
const core = await import('@eligo/core');
const protocols = await import('@eligo/protocols');
const importMs = performance.now() - t0;
const { name, text } = protocols.readProtocolSource('NCT06469190');
const t1 = performance.now();
const { protocol } = core.compile(text, { name });
const ms = performance.now() - t1;
if (!protocol) throw new Error('NCT06469190 does not compile');
process.stdout.write(`${JSON.stringify({ ms, importMs })}\n`);

export {};
