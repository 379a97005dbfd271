import type { ElementKind, InputWarning } from '@eligo/core';
import type { Coding } from './bundle';
import type { Unclassified } from './elements';

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

/** W-FHIR-VALUE for a coded result no value of the element names: kept, as a result of unknown value. */
export function unclassifiedValue(element: string, path: string, reason: string): InputWarning {
  return { code: 'W-FHIR-VALUE', message: `${reason}; the result counts, its value unknown`, path, element };
}

/**
 * W-FHIR-METHOD: a result for an element that asks for methods (`method snomed …`) whose method is
 * not recorded, or not coded in a system the element's methods use; it may or may not be the
 * element's, so it is not counted.
 */
export function methodProblem(element: string, path: string, reason: string): InputWarning {
  return {
    code: 'W-FHIR-METHOD',
    message: `${reason}, so whether it is a result of ${element} is not known; it is not counted`,
    path,
    element,
  };
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

/**
 * W-FHIR-UNCLASSIFIED: a record none of whose codes is in a system the protocol's bindings of its
 * kind use; it is kept, marked unclassified, for every element of its kind.
 */
export function unclassified(
  kind: ElementKind,
  resourceType: string,
  path: string,
  record: Unclassified,
): InputWarning {
  const codes = record.codes.length === 0 ? 'no code' : `the codes ${record.codes.join(', ')}`;
  const shown = record.display === undefined ? '' : ` ('${record.display}')`;
  const systems = record.systems.length === 0 ? 'none' : record.systems.join(', ');
  return {
    code: 'W-FHIR-UNCLASSIFIED',
    message:
      `${/^[AEIOU]/.test(resourceType) ? 'an' : 'a'} ${resourceType} with ${codes}${shown} has no code in a system that the bindings of ${record.elements.map((e) => e.id).join(', ')} use (${systems}); ` +
      `it is read as an unclassified ${kind} record of each, so their criteria are unknown where it could decide them`,
    path,
  };
}

/**
 * W-FHIR-CLASS: an Encounter whose class is not one Eligo names (another system, or a code outside
 * v3 ActEncounterCode); elements that ask for classes cannot tell whether it is theirs.
 */
export function unmappedClass(path: string, coding: Coding, elements: readonly string[]): InputWarning {
  return {
    code: 'W-FHIR-CLASS',
    message:
      `an Encounter of class ${coding.system ?? '(no system)'}|${coding.code ?? '(no code)'}, which is not a v3 ActEncounterCode class; ` +
      `it is read without a class, so ${elements.join(', ')} cannot tell whether it is of the classes they ask for`,
    path,
  };
}

/** W-FHIR-SUBJECT: a subject reference that can be resolved neither to the bundle's patient nor to another. */
export function unresolvedSubject(path: string, reason: string): InputWarning {
  return {
    code: 'W-FHIR-SUBJECT',
    message: `${reason}; the record is read as the bundle's patient's`,
    path,
  };
}

/** W-FHIR-PERIOD: an exposure whose end is not recorded although its status says it ended. */
export function endUnknown(element: string | undefined, path: string, start: string): InputWarning {
  return {
    code: 'W-FHIR-PERIOD',
    message: `a finished MedicationRequest has no end date; counted as an exposure on ${start} only`,
    path,
    ...(element === undefined ? {} : { element }),
  };
}

/**
 * W-FHIR-ROUTE: a medication's route that Eligo cannot read as one word (a code outside the route
 * table, or dosages by different routes), for elements that ask for routes: it counts as not stated.
 */
export function routeProblem(element: string, path: string, reason: string): InputWarning {
  return {
    code: 'W-FHIR-ROUTE',
    message: `${reason}; the route counts as not stated, so the record may or may not be of ${element}'s routes`,
    path,
    element,
  };
}
