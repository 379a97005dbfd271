import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import type { MarkdownRenderer } from 'vitepress';
import { asProtocol } from './examples';
import { EMPTY_PATIENT, fragmentOf, serialize } from './theme/playground/state';

const context = readFileSync(new URL('../examples/context.elig', import.meta.url), 'utf8');

/**
 * After every ```eligo example, a link that opens it in the playground: the fragment read as the
 * docs examples test reads it (after docs/examples/context.elig), with an empty patient record.
 * Blocks marked `eligo elided` leave text out and do not compile, so they get no link.
 */
export function playgroundLinks(md: MarkdownRenderer, playground: string): void {
  const fence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, index, options, env, self) => {
    const html = fence(tokens, index, options, env, self);
    const token = tokens[index]!;
    if (token.info.trim() !== 'eligo') return html;
    // The same zlib deflate-raw stream the browser's DecompressionStream reads back.
    const state = serialize({
      criteria: asProtocol(token.content.replace(/\n$/, ''), context),
      patient: EMPTY_PATIENT,
    });
    const href = `${playground}#${fragmentOf(deflateRawSync(Buffer.from(state, 'utf8')))}`;
    return `${html}<a class="playground-link" href="${href}">Open in playground</a>\n`;
  };
}
