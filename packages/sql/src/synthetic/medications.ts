import { DRUGS, type Drug, ROUTES, SYSTEMS } from './codes';
import type { PatientContext } from './context';

type Resource = Record<string, unknown>;

/** The drugs a patient of each diagnosis is likely to have had, with how likely each is. */
function regimen(context: PatientContext): [Drug, number][] {
  const d = DRUGS;
  const common: [Drug, number][] = [
    [d.atorvastatin, 0.2],
    [d.metformin, 0.06],
    [d.filgrastim, 0.02],
  ];
  if (context.candidate && context.diagnosis === 'IgAN')
    return [
      [d.losartan, 1],
      [d.methylprednisolone, 0.9],
      [d.mycophenolate, 0.9],
    ];
  if (context.candidate && context.diagnosis === 'PMN')
    return [
      [d.valsartan, 0.6],
      [d.prednisone, 0.9],
      [d.ciclosporin, 0.9],
    ];
  if (context.candidate && context.diagnosis === 'AAV')
    return [
      [d.prednisolone, 1],
      [d.cyclophosphamide, 1],
      [d.rituximab, 0.9],
    ];
  switch (context.diagnosis) {
    case 'IgAN':
      return [
        [d.losartan, 0.55],
        [d.ramipril, 0.25],
        [d.methylprednisolone, 0.35],
        [d.mycophenolate, 0.3],
        ...common,
      ];
    case 'PMN':
      return [
        [d.valsartan, 0.4],
        [d.prednisone, 0.5],
        [d.ciclosporin, 0.3],
        [d.tacrolimus, 0.2],
        [d.rituximab, 0.35],
        [d.cyclophosphamide, 0.15],
        ...common,
      ];
    case 'AAV':
      return [
        [d.prednisolone, 0.8],
        [d.cyclophosphamide, 0.6],
        [d.rituximab, 0.4],
        [d.hydroxychloroquine, 0.15],
        [d.mycophenolate, 0.25],
        ...common,
      ];
    case 'FSGS':
      return [[d.losartan, 0.4], [d.prednisone, 0.4], [d.tacrolimus, 0.2], ...common];
    case 'none':
      return [[d.ramipril, 0.15], ...common];
  }
}

/**
 * MedicationStatements and MedicationRequests of one patient, with dosage. A course is recorded as
 * a statement, a request, or both; statuses include the ones that never count (not-taken,
 * entered-in-error, cancelled, draft); a few carry only text and no ATC code, and a few an RxNorm
 * coding beside the ATC one.
 */
export function medications(context: PatientContext): Resource[] {
  const { random } = context;
  const records: Resource[] = [];
  for (const [drug, rate] of regimen(context)) {
    if (!random.chance(rate)) continue;
    const start =
      drug === DRUGS.filgrastim ? random.int(5, 40) : random.int(context.candidate ? 250 : 60, 1500);
    const ongoing = random.chance(context.candidate ? 0.9 : 0.5);
    const end = ongoing ? undefined : random.int(0, Math.max(0, start - 30));
    const form = random.weighted({ statement: 55, request: 25, both: 20 });
    if (form !== 'request') records.push(statement(context, drug, start, end));
    if (form !== 'statement') records.push(request(context, drug, start, end));
  }
  return records;
}

function medicationConcept(context: PatientContext, drug: Drug): Resource {
  const { random } = context;
  if (random.chance(0.01)) return { text: drug.display };
  const coding: Resource[] = [{ system: SYSTEMS.atc, code: drug.atc, display: drug.display }];
  if (random.chance(0.1))
    coding.push({ system: SYSTEMS.rxnorm, code: String(random.int(1000, 999999)), display: drug.display });
  return { coding, text: drug.display };
}

function dosage(context: PatientContext, drug: Drug): Resource {
  const { random } = context;
  const timing = random.chance(0.2)
    ? {
        code: {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation',
              code: ['QD', 'BID', 'TID'][drug.perDay - 1],
            },
          ],
        },
      }
    : { repeat: { frequency: drug.perDay, period: 1, periodUnit: 'd' } };
  const route = ROUTES[drug.route];
  return {
    sequence: 1,
    text: `${drug.display} ${drug.doseMg[0]} mg ${drug.perDay} times a day`,
    timing,
    route: { coding: [{ system: SYSTEMS.snomed, ...route }] },
    doseAndRate: [
      {
        doseQuantity: { value: random.pick(drug.doseMg), unit: 'mg', system: SYSTEMS.ucum, code: 'mg' },
      },
    ],
  };
}

function statement(context: PatientContext, drug: Drug, start: number, end: number | undefined): Resource {
  const { random } = context;
  const status =
    end === undefined
      ? random.weighted({ active: 90, 'on-hold': 2, intended: 2, 'not-taken': 3, 'entered-in-error': 3 })
      : random.weighted({ completed: 80, stopped: 12, 'not-taken': 4, 'entered-in-error': 4 });
  const resource: Resource = {
    resourceType: 'MedicationStatement',
    id: context.nextId('ms'),
    status,
    medicationCodeableConcept: medicationConcept(context, drug),
    subject: context.subject(),
  };
  const period: Resource = { start: context.messyDate(start) };
  if (end !== undefined) period.end = context.messyDate(end);
  resource.effectivePeriod = period;
  resource.dateAsserted = context.daysBefore(random.int(0, 30));
  resource.dosage = [dosage(context, drug)];
  return resource;
}

function request(context: PatientContext, drug: Drug, start: number, end: number | undefined): Resource {
  const { random } = context;
  const status =
    end === undefined
      ? random.weighted({ active: 88, 'on-hold': 3, draft: 3, 'entered-in-error': 3, unknown: 3 })
      : random.weighted({ completed: 78, stopped: 10, cancelled: 6, 'entered-in-error': 6 });
  const validity: Resource = { start: context.daysBefore(start) };
  if (end !== undefined) validity.end = context.daysBefore(end);
  return {
    resourceType: 'MedicationRequest',
    id: context.nextId('mr'),
    status,
    intent: 'order',
    medicationCodeableConcept: medicationConcept(context, drug),
    subject: context.subject(),
    authoredOn: context.messyDate(start),
    dosageInstruction: [dosage(context, drug)],
    dispenseRequest: { validityPeriod: validity },
  };
}
