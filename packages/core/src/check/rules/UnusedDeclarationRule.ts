import type { Declaration } from '../../ast';
import { unusedDeclaration } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';

const KIND_WORDS: Record<Declaration['kind'], string> = {
  PatientDecl: 'patient field',
  LabDecl: 'lab',
  TestDecl: 'test',
  RecordDecl: 'record',
  QuestionDecl: 'question',
  DefineDecl: 'definition',
};

/** Every declaration is referred to somewhere (a criterion, or a define). */
export function UnusedDeclarationRule(context: CheckContext): Visitor {
  const used = new Set<string>();
  return {
    Ref(node) {
      used.add(node.name);
    },
    Protocol: {
      leave(node) {
        const reported = new Set<string>();
        for (const d of node.declarations) {
          const name = d.name.value;
          if (used.has(name) || reported.has(name)) continue;
          reported.add(name);
          const kind = d.kind === 'RecordDecl' ? d.record : KIND_WORDS[d.kind];
          context.report(unusedDeclaration(d.name.span, name, kind));
        }
      },
    },
  };
}
