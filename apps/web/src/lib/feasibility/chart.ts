import * as Plot from '@observablehq/plot';
import type { WhatIfCohort } from './what-if';

/** One bar of the attrition chart: patients left after a step. */
export interface Step {
  readonly step: string;
  readonly patients: number;
  readonly kind: 'total' | 'criterion' | 'eligible' | 'undetermined';
}

/**
 * A cohort's attrition as steps: everyone, then those each criterion (in order) leaves, then the
 * eligible and the undetermined (the last step's patients, split by whether every criterion is decided).
 */
export function attritionSteps(cohort: WhatIfCohort): Step[] {
  return [
    { step: 'All patients', patients: cohort.total, kind: 'total' },
    ...cohort.criteria.map((c) => ({
      step: `after ${c.id}`,
      patients: c.remaining,
      kind: 'criterion' as const,
    })),
    { step: 'Eligible', patients: cohort.eligible, kind: 'eligible' },
    { step: 'Undetermined', patients: cohort.undetermined, kind: 'undetermined' },
  ];
}

/**
 * The attrition funnel of one cohort as horizontal bars (Observable Plot's SVG). It is hidden from
 * assistive technology: the table beside it carries the same numbers and is the text alternative.
 */
export function attritionChart(cohort: WhatIfCohort, width = 640): SVGSVGElement {
  const steps = attritionSteps(cohort);
  const chart = Plot.plot({
    width,
    height: 40 + steps.length * 22,
    marginLeft: 130,
    marginRight: 50,
    style: { background: '#ffffff', color: '#1c2126', fontSize: '12px' },
    x: { label: 'Patients', grid: true, domain: [0, Math.max(1, cohort.total)] },
    y: { label: null, domain: steps.map((s) => s.step) },
    color: {
      domain: ['total', 'criterion', 'eligible', 'undetermined'],
      range: ['#56606b', '#1d5c63', '#146c2e', '#7a4b00'],
    },
    marks: [
      Plot.barX(steps, { x: 'patients', y: 'step', fill: 'kind' }),
      Plot.text(steps, {
        x: 'patients',
        y: 'step',
        text: (d: Step) => String(d.patients),
        dx: 4,
        textAnchor: 'start',
      }),
      Plot.ruleX([0]),
    ],
  });
  const svg = (chart instanceof SVGSVGElement ? chart : chart.querySelector('svg')) as SVGSVGElement;
  svg.setAttribute('aria-hidden', 'true');
  return svg;
}
