import { type Declaration, parse, type Span, type SymbolInfo, SymbolTable, visit } from '@eligo/core';

/** A declared name where it is written: its declaration or a reference to it. */
export interface Occurrence {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly declaration: boolean;
}

/**
 * What the editor knows about a text: its declared names, every place each is written, and the
 * units written in it, from the AST's spans, so positions are exact.
 */
export interface EditorModel {
  readonly text: string;
  readonly parsed: boolean;
  readonly symbols: readonly SymbolInfo[];
  readonly occurrences: readonly Occurrence[];
  readonly units: readonly { readonly code: string; readonly from: number; readonly to: number }[];
}

/**
 * While a line is half typed the text rarely parses: then the names of the last model that did
 * (`previous`) are kept for completion, and positions, which would be stale, are dropped.
 */
export function analyze(text: string, previous?: EditorModel): EditorModel {
  const { ast } = parse(text);
  if (!ast) return { text, parsed: false, symbols: previous?.symbols ?? [], occurrences: [], units: [] };
  const table = new SymbolTable(ast);
  const symbols = [...table];
  const declared = new Set(symbols.map((s) => s.name));
  const occurrences: Occurrence[] = symbols.map((s) => ({
    name: s.name,
    ...nameSpan(s.declaration),
    declaration: true,
  }));
  const units: { code: string; from: number; to: number }[] = [];
  visit(ast, {
    Ref(node) {
      if (!declared.has(node.name)) return;
      // A reference's span may take in its window (`serum_hcg within 7 days`); the name leads it.
      const from = node.span.start;
      if (text.slice(from, from + node.name.length) === node.name)
        occurrences.push({ name: node.name, from, to: from + node.name.length, declaration: false });
    },
    UnitRef(node) {
      units.push({ code: node.code, from: node.span.start, to: node.span.end });
    },
  });
  occurrences.sort((a, b) => a.from - b.from);
  return { text, parsed: true, symbols, occurrences, units };
}

function nameSpan(declaration: Declaration): { from: number; to: number } {
  const span: Span = declaration.name.span;
  return { from: span.start, to: span.end };
}

/** The occurrence of a declared name under (or just before) the caret. */
export function occurrenceAt(model: EditorModel, pos: number): Occurrence | undefined {
  return model.occurrences.find((o) => o.from <= pos && pos <= o.to);
}

/** The identifier-like word around `pos` (letters, digits, `_`), or undefined between words. */
export function wordAt(text: string, pos: number): { word: string; from: number; to: number } | undefined {
  let from = pos;
  let to = pos;
  while (from > 0 && /\w/.test(text[from - 1]!)) from--;
  while (to < text.length && /\w/.test(text[to]!)) to++;
  return from === to ? undefined : { word: text.slice(from, to), from, to };
}
