import type { CodeBindingInfo, CodePatternInfo } from '../protocol';
import { CODE_SYSTEMS } from '../protocol';

/**
 * Other URIs that records use for the code systems Eligo binds to. Each maps to its canonical
 * URI in CODE_SYSTEMS:
 * - icd10: `http://hl7.org/fhir/sid/icd-10-cm` (the US clinical modification, whose codes extend
 *   WHO ICD-10 codes by further characters, so prefixes and ranges still hold) and the HL7 OIDs
 *   of ICD-10 (`2.16.840.1.113883.6.3`) and ICD-10-CM (`2.16.840.1.113883.6.90`);
 * - loinc, snomed, rxnorm, atc: their HL7 OIDs (`…6.1`, `…6.96`, `…6.88`, `…6.73`);
 * - cvx: its HL7 OID (`2.16.840.1.113883.12.292`).
 * A trailing `/` is ignored.
 */
export const CODE_SYSTEM_ALIASES: Readonly<Record<string, string>> = {
  'http://hl7.org/fhir/sid/icd-10-cm': CODE_SYSTEMS.icd10,
  'urn:oid:2.16.840.1.113883.6.3': CODE_SYSTEMS.icd10,
  'urn:oid:2.16.840.1.113883.6.90': CODE_SYSTEMS.icd10,
  'urn:oid:2.16.840.1.113883.6.1': CODE_SYSTEMS.loinc,
  'urn:oid:2.16.840.1.113883.6.96': CODE_SYSTEMS.snomed,
  'urn:oid:2.16.840.1.113883.6.88': CODE_SYSTEMS.rxnorm,
  'urn:oid:2.16.840.1.113883.6.73': CODE_SYSTEMS.atc,
  'urn:oid:2.16.840.1.113883.12.292': CODE_SYSTEMS.cvx,
};

/** The canonical URI of a code system as a record names it (aliases resolved). */
export function canonicalSystem(system: string): string {
  const trimmed = system.trim().replace(/\/+$/, '');
  return CODE_SYSTEM_ALIASES[trimmed] ?? trimmed;
}

/**
 * ICD-10 and ATC codes are case-insensitive letters and digits; ICD-10's dot is only a separator
 * that some records omit (`E119` for `E11.9`), so it is dropped before comparing. Other systems'
 * codes compare as written (trimmed).
 */
export function normalizeCode(system: string, code: string): string {
  const trimmed = code.trim();
  if (system === CODE_SYSTEMS.icd10) return trimmed.toUpperCase().replaceAll('.', '');
  if (system === CODE_SYSTEMS.atc) return trimmed.toUpperCase();
  return trimmed;
}

/**
 * Whether a record's coding (`system`, `code`) matches one pattern of a binding:
 * - `exact`: the same code;
 * - `prefix`: the code starts with the pattern (`E11` matches `E11` and `E11.9`, ATC `L04A`
 *   matches `L04AA06`); the empty prefix (`atc *`) matches every code of the system;
 * - `range` (`C00` to `C97`): the code's leading characters, as many as each bound has, lie
 *   between the bounds inclusive (`C50.9` yes, `C98` and `D05.1` no).
 */
export function matchesCode(pattern: CodePatternInfo, system: string, code: string): boolean {
  const canonical = canonicalSystem(system);
  if (canonical !== canonicalSystem(pattern.system)) return false;
  const value = normalizeCode(canonical, code);
  const target = normalizeCode(canonical, pattern.code);
  if (value === '') return false;
  if (target === '') return pattern.match === 'prefix';
  switch (pattern.match) {
    case 'exact':
      return value === target;
    case 'prefix':
      return value.startsWith(target);
    case 'range': {
      const to = normalizeCode(canonical, pattern.to ?? pattern.code);
      if (value.length < target.length || value.length < to.length) return false;
      return value.slice(0, target.length) >= target && value.slice(0, to.length) <= to;
    }
  }
}

/**
 * Whether a record's coding belongs to a binding: any included pattern matches (or the binding
 * is `any`) and no excluded pattern does.
 */
export function matchesBinding(binding: CodeBindingInfo, system: string, code: string): boolean {
  if (binding.exclude.some((p) => matchesCode(p, system, code))) return false;
  return binding.any || binding.include.some((p) => matchesCode(p, system, code));
}
