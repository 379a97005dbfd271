import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import type { ProtocolSummary } from '../lib/api';
import ProtocolPicker from './ProtocolPicker.svelte';

const title =
  'An Exploratory Clinical Study of Anti-CD19 CAR NK Cell (KN5501) in the Treatment of Relapsed/Refractory Immune Nephropathy';
const protocols = [
  { id: 'NCT06469190', title, latest: { version: 3 } },
  { id: 'NCT00000001', title: null, latest: null },
] as unknown as ProtocolSummary[];

describe('ProtocolPicker', () => {
  it('gives the whole title of the chosen trial and of each option as their title', () => {
    const { body } = render(ProtocolPicker, {
      props: { protocols, selected: 'NCT06469190', onselect: () => {} },
    });
    const full = `NCT06469190 — ${title} (v3)`;
    expect(body).toMatch(new RegExp(`<select[^>]* title="${full.replace(/[()]/g, '\\$&')}"`));
    expect([...body.matchAll(/<option[^>]* title="([^"]*)"/g)].map((m) => m[1])).toEqual([
      full,
      'NCT00000001 (draft)',
    ]);
    expect(body).toMatch(/<label class="picker[^"]*"><span[^>]*>Protocol<\/span>/);
  });
});
