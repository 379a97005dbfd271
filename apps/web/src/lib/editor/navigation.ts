import { KEYWORDS } from '@eligo/core';
import { type EditorModel, occurrenceAt } from './symbols';

const RESERVED: ReadonlySet<string> = new Set(KEYWORDS);
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Where the name under the caret is declared (the declaration's name), or undefined. */
export function definitionAt(model: EditorModel, pos: number): { from: number; to: number } | undefined {
  const at = occurrenceAt(model, pos);
  if (!at) return undefined;
  const declaration = model.occurrences.find((o) => o.declaration && o.name === at.name);
  return declaration && { from: declaration.from, to: declaration.to };
}

export interface TextEdit {
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

export type RenameResult =
  | { readonly ok: true; readonly name: string; readonly edits: readonly TextEdit[] }
  | { readonly ok: false; readonly message: string };

/**
 * Every edit that renames the declared name under the caret: its declaration and each reference,
 * from the AST's spans (a word in a string or a comment that happens to match is left alone).
 */
export function renameAt(model: EditorModel, pos: number, newName: string): RenameResult {
  const at = occurrenceAt(model, pos);
  if (!at) return { ok: false, message: 'Place the cursor on a declared name to rename it.' };
  if (!IDENTIFIER.test(newName))
    return {
      ok: false,
      message: `'${newName}' is not a name: use letters, digits and _, starting with a letter.`,
    };
  if (RESERVED.has(newName)) return { ok: false, message: `'${newName}' is a word of the language.` };
  if (newName !== at.name && model.symbols.some((s) => s.name === newName))
    return { ok: false, message: `'${newName}' is already declared.` };
  const edits = model.occurrences
    .filter((o) => o.name === at.name)
    .map((o) => ({ from: o.from, to: o.to, insert: newName }));
  return { ok: true, name: at.name, edits };
}
