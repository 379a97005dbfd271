import { CODE_SYSTEMS, canonicalSystem, type ElementInfo, type Exposure } from '@eligo/core';
import type { Entry, Immunization } from '../bundle';
import { isAfter, toPartialDate } from '../dates';
import { type Classified, classify } from '../elements';
import type { Reading } from './context';
import { addRecords, feedsAny } from './records';

/** Statuses under which no vaccine was given: these records never count. */
const NOT_GIVEN = new Set(['not-done', 'entered-in-error']);

/** ATC's vaccines group: an ATC binding takes a vaccine only where it reaches into it. */
const ATC_VACCINES = 'J07';

/**
 * An Immunization as a medication exposure on the day it was given (`occurrenceDateTime`), for
 * every medication element whose binding takes its `vaccineCode`: `influenza_vaccination within 6
 * months before screening` reads vaccinations as it reads any other drug given once. One not done
 * or entered in error never counts; one given after the screening date is ignored; one dated only
 * by text (`occurrenceString`) is an exposure of unknown date.
 *
 * A vaccine coded in a system an element's binding does not use (CVX, for an element bound in
 * ATC) is unclassified for it, as any medication record is, but only for elements that can hold a
 * vaccine: a binding in ATC alone holds one only where it reaches into J07, so a CVX-coded flu shot
 * leaves an element of ACE inhibitors (`from atc C09A*`) decided.
 */
export function readImmunization(reading: Reading, entry: Entry<Immunization>): void {
  const r = entry.resource;
  if (r.status !== undefined && NOT_GIVEN.has(r.status)) return;
  const classified = vaccinesOnly(classify(reading.info, ['medication'], [r.vaccineCode]));
  if (!feedsAny(classified)) return;
  const exposure: Exposure = {};
  if (r.occurrenceDateTime !== undefined) {
    const day = toPartialDate(r.occurrenceDateTime);
    if (isAfter(day, reading.asOf)) return;
    exposure.start = day;
    exposure.end = day;
  }
  addRecords(
    reading,
    'medication',
    { type: 'Immunization', path: `${entry.path}.vaccineCode` },
    classified,
    exposure,
  );
}

function vaccinesOnly(classified: Classified): Classified {
  const { unclassified } = classified;
  if (unclassified === undefined) return classified;
  const elements = unclassified.elements.filter(canHoldVaccine);
  return {
    matches: classified.matches,
    unclassified: elements.length === 0 ? undefined : { ...unclassified, elements },
  };
}

/**
 * Whether an element's binding may take some vaccine: one in a system other than ATC (RxNorm,
 * SNOMED CT and CVX all code vaccines), or an ATC pattern that reaches into J07 (`J07BB*`, `J*`,
 * a range across it).
 */
function canHoldVaccine(element: ElementInfo): boolean {
  const binding = element.binding;
  if (binding === undefined) return false;
  if (binding.any) return true;
  return binding.include.some((pattern) => {
    if (canonicalSystem(pattern.system) !== CODE_SYSTEMS.atc) return true;
    const code = pattern.code.trim().toUpperCase();
    if (pattern.match === 'exact') return code.startsWith(ATC_VACCINES);
    if (pattern.match === 'prefix') return code.startsWith(ATC_VACCINES) || ATC_VACCINES.startsWith(code);
    const to = (pattern.to ?? pattern.code).trim().toUpperCase();
    return code.slice(0, 3) <= ATC_VACCINES && to.slice(0, 3) >= ATC_VACCINES;
  });
}
