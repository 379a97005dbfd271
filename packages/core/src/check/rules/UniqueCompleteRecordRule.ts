import type { Span } from '../../ast';
import { duplicateCompleteRecord } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';

/** `records complete for` lists each record kind once. */
export function UniqueCompleteRecordRule(context: CheckContext): Visitor {
  return {
    Protocol(node) {
      const seen = new Map<string, number>();
      for (const kind of node.complete) {
        const times = (seen.get(kind) ?? 0) + 1;
        seen.set(kind, times);
        if (times > 1)
          context.report(duplicateCompleteRecord(locate(context, kind, times, node.id.span), kind));
      }
    },
  };
}

/**
 * The tree keeps the kinds without their spans, so the repeated word is found in the text: its
 * n-th occurrence on the `records complete for` line. Without the text, the trial id stands in.
 */
function locate(context: CheckContext, kind: string, occurrence: number, fallback: Span): Span {
  const body = context.source?.body;
  if (!body) return fallback;
  const line = /records\s+complete\s+for\b[^\n]*/.exec(body);
  if (!line) return fallback;
  const words = [...line[0].matchAll(new RegExp(`\\b${kind}\\b`, 'g'))];
  const match = words[occurrence - 1];
  if (match?.index === undefined) return fallback;
  const start = line.index + match.index;
  return { start, end: start + kind.length };
}
