import { episodesSubject } from '../../diagnostics/catalog';
import type { CheckContext, Visitor } from '../context';
import { describeValue } from '../describe';

const PERIODS: ReadonlySet<string> = new Set(['medication', 'encounter', 'procedure']);

/** `episodes of R` counts the separate periods of dated records: exposures, stays, procedures. */
export function EpisodesSubjectRule(context: CheckContext): Visitor {
  const { symbols } = context;
  return {
    Episodes(node) {
      const info = symbols.get(node.subject.name);
      if (info && !PERIODS.has(info.kind)) {
        context.report(
          episodesSubject(node.subject.span, node.subject.name, describeValue(node.subject, symbols)),
        );
      }
    },
  };
}
