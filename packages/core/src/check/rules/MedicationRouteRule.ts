import { isRoute, ROUTE_WORDS } from '../../codes/routes';
import { routeOnNonMedication, unknownRoute } from '../../diagnostics/catalog';
import { suggest } from '../../diagnostics/suggest';
import type { CheckContext, Visitor } from '../context';

/** `route …` is declared on medications only, and names routes of the route table. */
export function MedicationRouteRule(context: CheckContext): Visitor {
  return {
    RecordDecl(node) {
      if (!node.routes) return;
      if (node.record !== 'medication') {
        const first = node.routes[0]!.span;
        const last = node.routes[node.routes.length - 1]!.span;
        context.report(
          routeOnNonMedication({ start: first.start, end: last.end }, node.name.value, node.record),
        );
        return;
      }
      for (const route of node.routes) {
        if (isRoute(route.value)) continue;
        context.report(unknownRoute(route.span, route.value, suggest(route.value, ROUTE_WORDS)));
      }
    },
  };
}
