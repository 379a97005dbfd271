import type { Span } from './ast';

export interface Location {
  readonly line: number;
  readonly column: number;
}

/**
 * A document being compiled: its text, the name diagnostics print (`NCT06469190.elig`), and the
 * line/column offset of the text inside a containing document (criteria embedded in a larger file).
 */
export class Source {
  readonly #lineStarts: number[];

  constructor(
    readonly body: string,
    readonly name = 'criteria.elig',
    readonly offset: Location = { line: 1, column: 1 },
  ) {
    this.#lineStarts = [0];
    for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) === 10) this.#lineStarts.push(i + 1);
  }

  /** 1-based line and column of an offset (columns count UTF-16 code units). */
  locate(offset: number): Location {
    const starts = this.#lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const line = lo + this.offset.line;
    // A byte order mark is not part of the text: the first line's columns start after it.
    const mark = lo === 0 && offset > 0 && this.#hasMark ? 1 : 0;
    const column = offset - starts[lo]! - mark + (lo === 0 ? this.offset.column : 1);
    return { line, column };
  }

  get #hasMark(): boolean {
    return this.body.charCodeAt(0) === 0xfeff;
  }

  lineText(line: number): string {
    const i = line - this.offset.line;
    const start = (this.#lineStarts[i] ?? this.body.length) + (i === 0 && this.#hasMark ? 1 : 0);
    const end = this.#lineStarts[i + 1] ?? this.body.length + 1;
    return this.body.slice(start, end - 1).replace(/\r$/, '');
  }

  spanText(span: Span): string {
    return this.body.slice(span.start, span.end);
  }
}

export function toSource(source: string | Source, name?: string): Source {
  return typeof source === 'string' ? new Source(source, name) : source;
}
