/**
 * The FHIRPath subset as a readonly tree keyed by `kind`. `target: null` means the expression
 * starts at the focus (`$this`): `name.family` is member(member(null, 'name'), 'family').
 */
export type PathNode =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number; readonly integer: boolean }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'temporal'; readonly value: string }
  | { readonly kind: 'empty' }
  | { readonly kind: 'constant'; readonly name: string }
  | { readonly kind: 'this' }
  | { readonly kind: 'member'; readonly target: PathNode | null; readonly name: string }
  | {
      readonly kind: 'call';
      readonly target: PathNode | null;
      readonly name: string;
      readonly args: readonly PathNode[];
    }
  | { readonly kind: 'index'; readonly target: PathNode; readonly index: PathNode }
  | { readonly kind: 'binary'; readonly operator: string; readonly left: PathNode; readonly right: PathNode }
  | { readonly kind: 'negate'; readonly operand: PathNode };
