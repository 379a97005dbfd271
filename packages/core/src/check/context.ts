import type { Node, Protocol } from '../ast';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { Source } from '../source';
import type { SymbolTable } from './symbols';

export type NodeKind = Node['kind'];
export type NodeOf<K extends NodeKind> = Extract<Node, { kind: K }>;
type Handler<K extends NodeKind> = (node: NodeOf<K>) => void;

/** What a rule does at each kind of node: a function on entering it, or `enter`/`leave`. */
export type Visitor = {
  readonly [K in NodeKind]?: Handler<K> | { readonly enter?: Handler<K>; readonly leave?: Handler<K> };
};

export interface CheckContext {
  readonly protocol: Protocol;
  /** The text, when the caller has it; rules use it only to quote, never to decide. */
  readonly source: Source | undefined;
  readonly symbols: SymbolTable;
  report(diagnostic: Diagnostic): void;
  /** The nodes from the protocol down to the parent of the node being visited. */
  readonly ancestors: readonly Node[];
  /** The parent of the node being visited. */
  readonly parent: Node | undefined;
}

/** A check: given the context, the visitor it wants run over the tree. It reports; it never throws. */
export type Rule = (context: CheckContext) => Visitor;
