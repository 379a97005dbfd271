import { type CompiledProtocol, compile } from '@eligo/core';

/**
 * Published versions are immutable, so their compiled form is cached by content hash. The cache is
 * derived data only (an instance that starts cold compiles again), so it never breaks scale-out.
 */
export function createProtocolCache(capacity = 64) {
  const entries = new Map<string, CompiledProtocol>();
  const keyOf = (version: { hash: string; name: string }) => `${version.hash}:${version.name}`;
  function remember(key: string, protocol: CompiledProtocol) {
    entries.set(key, protocol);
    if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
  }
  return {
    /** Keeps a protocol just compiled for publishing, so its first screening need not compile it again. */
    remember(version: { hash: string; name: string }, protocol: CompiledProtocol): void {
      remember(keyOf(version), protocol);
    },
    /** The compiled protocol if it is cached, without reading or compiling its text. */
    peek(version: { hash: string; name: string }): CompiledProtocol | undefined {
      const key = keyOf(version);
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
      }
      return hit;
    },
    get(version: { hash: string; name: string; text: string }): CompiledProtocol {
      const hit = this.peek(version);
      if (hit) return hit;
      const key = keyOf(version);
      const compiled = compile(version.text, { name: version.name });
      // A published version compiled when it was published; failing now means the compiler changed.
      if (!compiled.ok) throw new Error(`published protocol ${key} no longer compiles`);
      remember(key, compiled.protocol);
      return compiled.protocol;
    },
  };
}

export type ProtocolCache = ReturnType<typeof createProtocolCache>;
