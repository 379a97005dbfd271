import { isValidUnit } from './ucum';

/**
 * UCUM codes as people write units in a clinical note, for explanations: `10*9/L` → `×10⁹/L`,
 * `umol/L` → `µmol/L`, `g/(24.h)` → `g/24 h`, `mL/min/{1.73_m2}` → `mL/min/1.73 m²`, `{INR}` → ``
 * (a ratio has no unit to write). Only notation changes; values are never converted here.
 *
 * The code is read with UCUM's own syntax (terms joined by `.` and `/`, parenthesised groups,
 * exponents after a unit, `{…}` annotations, `[…]` atoms), so no table of units is needed. UCUM
 * keeps print symbols too, but those from @lhncbc/ucum-lhc are HTML, drop annotations and lose the
 * `24` of `g/(24.h)`, so they are not used. What the syntax cannot give is the short mapping below.
 */

/** Atoms whose written form is not their code with the brackets taken off. */
const WRITTEN: Readonly<Record<string, string>> = {
  Cel: '°C',
  '[degF]': '°F',
  // UCUM's arbitrary-unit spelling of the international unit.
  '[iU]': 'IU',
};

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '-': '⁻',
  '+': '',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

const cache = new Map<string, string>();

/** How a unit reads after a number; '' for a plain number or a pure annotation such as `{INR}`. */
export function displayUnit(code: string): string {
  let text = cache.get(code);
  if (text === undefined) {
    text = render(code);
    cache.set(code, text);
  }
  return text;
}

function render(code: string): string {
  if (code === '' || code === '1' || /^\{[^}]*\}$/.test(code)) return '';
  // Anything that is not UCUM syntax is shown as written rather than guessed at.
  if (!isValidUnit(code)) return code;
  const reader = new Reader(code);
  const text = reader.term(true);
  return reader.done() ? text : code;
}

/** A recursive-descent reading of one code: term := component (('.' | '/') component)*. */
class Reader {
  #at = 0;

  constructor(readonly code: string) {}

  done(): boolean {
    return this.#at === this.code.length;
  }

  /** A term; `leading` when it starts the whole unit (where `10*9` reads `×10⁹`). */
  term(leading: boolean): string {
    let out = '';
    let previous: Component | undefined;
    if (this.#peek() === '/') {
      this.#at++;
      out = '/';
      leading = false;
    }
    for (;;) {
      const c = this.component(leading && previous === undefined, out.endsWith('/'));
      if (previous === undefined) out += c.text;
      else out += `${previous.number ? ' ' : '·'}${c.text}`;
      previous = c;
      const next = this.#peek();
      if (next === '.') {
        this.#at++;
      } else if (next === '/') {
        this.#at++;
        out += '/';
        previous = undefined;
        leading = false;
      } else {
        return out;
      }
    }
  }

  component(leading: boolean, denominator: boolean): Component {
    const ch = this.#peek();
    if (ch === '(') {
      this.#at++;
      const inner = this.term(false);
      if (this.#peek() === ')') this.#at++;
      // `g/(24.h)` reads "g/24 h": a count of one unit needs no brackets after a slash.
      const simple = /^\d+ [^·/ ]+$/.test(inner) || !/[·/ ]/.test(inner);
      return { text: denominator && simple ? inner : `(${inner})`, number: false };
    }
    if (ch === '{') return { text: annotation(this.#annotation()), number: false };
    const atom = this.#atom();
    const exponent = this.#take(/^[+-]?\d+/);
    if (/^\d+$/.test(atom)) return { text: atom + exponent, number: true };
    const note = this.#peek() === '{' ? ` ${annotation(this.#annotation())}` : '';
    if (atom === '10*' || atom === '10^') {
      return { text: `${leading ? '×' : ''}10${superscript(exponent)}${note}`, number: false };
    }
    return { text: `${writtenAtom(atom)}${superscript(exponent)}${note}`, number: false };
  }

  #peek(): string | undefined {
    return this.code[this.#at];
  }

  #take(pattern: RegExp): string {
    const m = pattern.exec(this.code.slice(this.#at));
    if (!m) return '';
    this.#at += m[0].length;
    return m[0];
  }

  /** The text inside `{…}`. */
  #annotation(): string {
    const close = this.code.indexOf('}', this.#at);
    const end = close < 0 ? this.code.length : close;
    const text = this.code.slice(this.#at + 1, end);
    this.#at = Math.min(end + 1, this.code.length);
    return text;
  }

  /** A unit symbol with its prefix, up to its exponent: `mg`, `mm[Hg]`, `[IU]`, `10*`, `24`. */
  #atom(): string {
    if (this.code.startsWith('10*', this.#at) || this.code.startsWith('10^', this.#at)) {
      this.#at += 3;
      return this.code.slice(this.#at - 3, this.#at);
    }
    const digits = this.#take(/^\d+(?![A-Za-z[])/);
    if (digits !== '') return digits;
    let atom = '';
    for (;;) {
      const ch = this.#peek();
      if (ch === undefined || /[./(){}]/.test(ch)) return atom;
      if (ch === '[') {
        const close = this.code.indexOf(']', this.#at);
        const end = close < 0 ? this.code.length : close + 1;
        atom += this.code.slice(this.#at, end);
        this.#at = end;
        continue;
      }
      // Digits after letters are an exponent (`m2`, `s-1`), never part of a symbol.
      if (/[\d+-]/.test(ch) && atom !== '') return atom;
      atom += ch;
      this.#at++;
    }
  }
}

interface Component {
  readonly text: string;
  /** A plain count (`24` in `24.h`), joined to what follows by a space rather than `·`. */
  readonly number: boolean;
}

function writtenAtom(atom: string): string {
  const written = WRITTEN[atom];
  if (written !== undefined) return written;
  // The micro prefix: `umol` is `mol` with `u`, when the rest is a unit of its own.
  if (atom.length > 1 && atom.startsWith('u') && isValidUnit(atom.slice(1))) {
    return `µ${writtenAtom(atom.slice(1))}`;
  }
  // `[IU]` → `IU`, `mm[Hg]` → `mmHg`, `[lb_av]` → `lb`: the brackets and any `_qualifier` go.
  return atom.replace(/\[([^\]_]*)(?:_[^\]]*)?\]/g, '$1');
}

/** An annotation's words, with unit words written as units: `1.73_m2` → `1.73 m²`. */
function annotation(text: string): string {
  return text
    .split('_')
    .map((word) => (/^[A-Za-z]+\d$/.test(word) && isValidUnit(word) ? displayUnit(word) : word))
    .join(' ');
}

function superscript(exponent: string): string {
  let out = '';
  for (const ch of exponent) out += SUPERSCRIPT[ch] ?? ch;
  return out;
}
