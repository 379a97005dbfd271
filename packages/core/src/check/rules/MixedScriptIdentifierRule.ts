import type { Span } from '../../ast';
import { mixedScriptIdentifier } from '../../diagnostics/catalog';
import { mixedScripts, scriptsOf } from '../../lexical/scripts';
import type { CheckContext, Visitor } from '../context';

/** No identifier, declared or used, mixes letters of two scripts (`cоnsent` with a Cyrillic `о`). */
export function MixedScriptIdentifierRule(context: CheckContext): Visitor {
  const inspect = (name: string, span: Span) => {
    const scripts = mixedScripts(name);
    if (!scripts) return;
    const main = scripts[0]!;
    const others = [...new Set([...name].filter((c) => scriptsOf(c).some((s) => s !== main)))].map(
      (c) =>
        `'${c}' (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}, ${scriptsOf(c)[0]})`,
    );
    context.report(mixedScriptIdentifier(span, name, scripts, others));
  };
  return {
    Identifier(node) {
      inspect(node.value, node.span);
    },
    Ref(node) {
      inspect(node.name, node.span);
    },
  };
}
