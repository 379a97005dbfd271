import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  decodeState,
  EMPTY_PATIENT,
  encodeState,
  fragmentOf,
  serialize,
} from '../../../docs/.vitepress/theme/playground/state';

/**
 * The playground's link format: what the browser writes, and what the docs build writes with
 * Node's zlib for the "Open in playground" links, both read back; a damaged link reads as none.
 */
const state = {
  criteria: 'trial T "Ünïcode ≥ 18 × 10⁹/L"\ninclusion\n  A met if age_years >= 18\n',
  patient: '{ "asOf": "2025-03-15", "facts": { "sex": "female" } }',
};

describe('the playground link', () => {
  it('round-trips a state through the fragment, in URL-safe characters only', async () => {
    const fragment = await encodeState(state);
    expect(fragment).toMatch(/^s=[A-Za-z0-9_-]+$/);
    expect(await decodeState(`#${fragment}`)).toEqual(state);
  });

  it("reads a link written at build time by Node's deflate-raw", async () => {
    const fragment = fragmentOf(deflateRawSync(Buffer.from(serialize(state), 'utf8')));
    expect(await decodeState(fragment)).toEqual(state);
  });

  it('gives an empty patient record when a link carries criteria only', async () => {
    const fragment = fragmentOf(deflateRawSync(Buffer.from(JSON.stringify({ criteria: 'x' }))));
    expect(await decodeState(fragment)).toEqual({ criteria: 'x', patient: EMPTY_PATIENT });
  });

  it('reads a cut, edited or foreign fragment as no state', async () => {
    const fragment = await encodeState(state);
    for (const damaged of ['', '#', '#intro', '#s=', `#${fragment.slice(0, 20)}`, '#s=!!!', '#s=AAAA']) {
      expect(await decodeState(damaged), damaged).toBeUndefined();
    }
    const notState = fragmentOf(deflateRawSync(Buffer.from('[1, 2]')));
    expect(await decodeState(notState)).toBeUndefined();
  });
});
