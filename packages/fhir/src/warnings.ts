import type { InputWarning } from '@eligo/core';

/**
 * Every warning the FHIR reader gives, one factory per code. A warning means a datum was read
 * as missing (or, for W-FHIR-UNIT-TEXT, read with a caveat); it never stops the screening.
 */

/** W-FHIR-UNMAPPED: Observations whose code no data element of the protocol binds. */
export function unmapped(system: string, code: string, count: number, path: string): InputWarning {
  const what = count === 1 ? 'an Observation coded' : `${count} Observations coded`;
  const verb = count === 1 ? 'matches' : 'match';
  return {
    code: 'W-FHIR-UNMAPPED',
    message: `${what} ${system}|${code} ${verb} no data element of the protocol; ignored`,
    path,
  };
}

/** W-FHIR-UNIT: a quantity whose unit cannot be read as the element's; the value is treated as missing. */
export function unitProblem(element: string, path: string, reason: string): InputWarning {
  return { code: 'W-FHIR-UNIT', message: `${reason}; the value is treated as missing`, path, element };
}

/** W-FHIR-UNIT-TEXT: the unit was taken from the human-readable `unit` for want of a UCUM `code`. */
export function unitFromText(element: string, path: string, unit: string): InputWarning {
  return {
    code: 'W-FHIR-UNIT-TEXT',
    message: `no UCUM code for the unit; read the unit text '${unit}' as UCUM`,
    path,
    element,
  };
}

/** W-FHIR-VALUE: a result Eligo cannot read (an unknown coded value, no value at all). */
export function valueProblem(element: string, path: string, reason: string): InputWarning {
  return { code: 'W-FHIR-VALUE', message: `${reason}; the result is treated as missing`, path, element };
}

/** W-FHIR-STATUS: a resource whose status means it is not (yet) counted. */
export function statusProblem(path: string, reason: string, element?: string): InputWarning {
  return { code: 'W-FHIR-STATUS', message: reason, path, element };
}

/** W-FHIR-REFERENCE: a medicationReference that names no Medication in the bundle. */
export function unresolvedReference(path: string, reference: string): InputWarning {
  return {
    code: 'W-FHIR-REFERENCE',
    message: `medicationReference '${reference}' names no Medication in the bundle; the record is ignored`,
    path,
  };
}

/** W-FHIR-PATIENT: more than one Patient; the first is read. */
export function severalPatients(count: number, path: string): InputWarning {
  return {
    code: 'W-FHIR-PATIENT',
    message: `the bundle has ${count} Patient resources; only the first is read`,
    path,
  };
}

/** W-FHIR-PERIOD: an exposure whose end is not recorded although its status says it ended. */
export function endUnknown(element: string, path: string, start: string): InputWarning {
  return {
    code: 'W-FHIR-PERIOD',
    message: `a finished MedicationRequest has no end date; counted as an exposure on ${start} only`,
    path,
    element,
  };
}
