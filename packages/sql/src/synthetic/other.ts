import { ALLERGENS, OTHER_PROCEDURE, RENAL_BIOPSY, SYSTEMS } from './codes';
import type { PatientContext } from './context';

type Resource = Record<string, unknown>;

/** A renal biopsy for most patients with a glomerular diagnosis (some not done or entered in error), and an unrelated procedure now and then. */
export function procedures(context: PatientContext): Resource[] {
  const { random } = context;
  const found: Resource[] = [];
  const biopsyRate = context.diagnosis === 'none' ? 0.03 : 0.85;
  if (random.chance(biopsyRate)) {
    const code =
      RENAL_BIOPSY[
        random.weighted({ usual: 80, needle: 12, guided: 8 }) === 'usual' ? 0 : random.chance(0.6) ? 1 : 2
      ];
    const days = random.int(150, 3000);
    const resource: Resource = {
      resourceType: 'Procedure',
      id: context.nextId('proc'),
      status: random.weighted({ completed: 92, 'not-done': 3, 'entered-in-error': 3, 'in-progress': 2 }),
      code: { coding: [{ system: SYSTEMS.snomed, ...code }] },
      subject: context.subject(),
    };
    if (random.chance(0.1))
      resource.performedPeriod = { start: context.daysBefore(days), end: context.daysBefore(days) };
    else resource.performedDateTime = context.messyDate(days);
    found.push(resource);
  }
  if (random.chance(0.05))
    found.push({
      resourceType: 'Procedure',
      id: context.nextId('proc'),
      status: 'completed',
      code: { coding: [{ system: SYSTEMS.snomed, ...OTHER_PROCEDURE }] },
      subject: context.subject(),
      performedDateTime: context.messyDate(random.int(400, 9000)),
    });
  return found;
}

/** AllergyIntolerances (they name their patient in `patient`, not `subject`). */
export function allergies(context: PatientContext): Resource[] {
  const { random } = context;
  const found: Resource[] = [];
  for (const allergen of ALLERGENS) {
    if (!random.chance(allergen.rate)) continue;
    const severity = random.weighted({ mild: 50, moderate: 35, severe: 15 });
    found.push({
      resourceType: 'AllergyIntolerance',
      id: context.nextId('allergy'),
      clinicalStatus: {
        coding: [{ system: SYSTEMS.allergyClinical, code: random.weighted({ active: 90, resolved: 10 }) }],
      },
      code: { coding: [{ system: SYSTEMS.atc, code: allergen.atc, display: allergen.display }] },
      patient: context.subject(),
      criticality: severity === 'severe' ? 'high' : 'low',
      recordedDate: context.messyDate(random.int(100, 5000)),
      reaction: [{ severity }],
    });
  }
  return found;
}

/** A Coverage now and then: it names its patient in `beneficiary`. Eligo's reader ignores it. */
export function coverage(context: PatientContext): Resource[] {
  if (!context.random.chance(0.3)) return [];
  return [
    {
      resourceType: 'Coverage',
      id: context.nextId('cov'),
      status: 'active',
      beneficiary: context.subject(),
      payor: [{ display: 'Example Health Insurance' }],
    },
  ];
}
