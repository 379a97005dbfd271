import type { InputWarning } from '@eligo/core';
import type { Entry, Patient, ReadResource, Reference } from './bundle';
import type { InputError } from './issues';
import { unresolvedSubject } from './warnings';

/**
 * A document describes exactly one patient. Its Patient resources must all be that patient (the
 * same id and the same content, so a copy listed twice is fine); every record that says whose it
 * is must say that patient's. A record of another patient counted as this one's would change the
 * verdict, so both are errors that refuse the bundle. A reference that can be resolved neither
 * way (an identifier the Patient does not list, a `urn:` with no Patient entry to match) is read
 * as this patient's, with a warning. Records that do not say whose they are belong to the patient.
 */

/** Where each resource type says whose it is. */
const SUBJECT_FIELD: Partial<Record<ReadResource['resourceType'], 'subject' | 'patient'>> = {
  Observation: 'subject',
  DiagnosticReport: 'subject',
  Condition: 'subject',
  MedicationStatement: 'subject',
  MedicationRequest: 'subject',
  MedicationAdministration: 'subject',
  Procedure: 'subject',
  Encounter: 'subject',
  AllergyIntolerance: 'patient',
  Immunization: 'patient',
};

export type OnePatientResult =
  | { ok: true; patient: Entry<Patient> | undefined; warnings: InputWarning[] }
  | { ok: false; errors: InputError[] };

/** `Patient/123`, `Patient/123/_history/2`, `https://ehr.example/fhir/Patient/123`. */
const TYPED = /^(?:(.*\/))?([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;

/** A conditional reference by identifier, `Patient?identifier=system|value` (transaction bundles). */
const CONDITIONAL = /^Patient\?identifier=(.+)$/;

/** How the bundle's patient can be referred to. */
interface Identity {
  /** `bundle.entry[0].resource` and `Patient/id`, for messages. */
  readonly name: string;
  readonly ids: Set<string>;
  readonly fullUrls: Set<string>;
  readonly identifiers: Set<string>;
  /** The fullUrls that are http(s) addresses. */
  readonly absoluteUrls: readonly string[];
  /** No Patient resource: the first resolvable reference stands for the patient. */
  readonly adopted: boolean;
}

type Resolution =
  | { readonly is: 'same' }
  | { readonly is: 'other'; readonly what: string }
  | { readonly is: 'unresolved'; readonly why: string };

export function onePatient(entries: readonly Entry[]): OnePatientResult {
  const patients = entries.filter((e): e is Entry<Patient> => e.resource.resourceType === 'Patient');
  const errors = samePatients(patients);
  if (errors.length > 0) return { ok: false, errors };
  const [patient] = patients;
  let identity = patient === undefined ? undefined : identityOf(patient, patients);
  const warnings: InputWarning[] = [];
  // A document's records mostly refer to their patient by one and the same reference.
  const resolutions = new Map<string, Resolution>();
  for (const entry of entries) {
    const field = SUBJECT_FIELD[entry.resource.resourceType];
    if (field === undefined) continue;
    const reference = (entry.resource as { [K in typeof field]?: Reference })[field];
    if (reference === undefined) continue;
    const path = `${entry.path}.${field}`;
    if (identity === undefined) {
      identity = adopt(reference, path);
      if (identity !== undefined) continue;
    }
    if (identity === undefined) {
      warnings.push(unresolvedSubject(path, describeUnresolvable(reference)));
      continue;
    }
    const resolved = resolveOnce(reference, identity, resolutions);
    if (resolved.is === 'other') {
      errors.push({
        path,
        message: `refers to ${resolved.what}, not the bundle's patient (${identity.name}): a document describes exactly one patient`,
      });
    } else if (resolved.is === 'unresolved') {
      warnings.push(unresolvedSubject(path, resolved.why));
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, patient, warnings };
}

/** Every Patient after the first must be the first again: the same id and the same content. */
function samePatients(patients: readonly Entry<Patient>[]): InputError[] {
  const [first, ...others] = patients;
  if (first === undefined) return [];
  const errors: InputError[] = [];
  const content = canonical(first.resource);
  for (const other of others) {
    if (other.resource.id !== first.resource.id) {
      errors.push({
        path: other.path,
        message: `a second patient (${idText(other.resource.id)}) beside ${first.path} (${idText(first.resource.id)}): a document describes exactly one patient`,
      });
    } else if (canonical(other.resource) !== content) {
      errors.push({
        path: other.path,
        message: `a Patient with the same ${idText(first.resource.id)} as ${first.path} but different content: a document describes exactly one patient`,
      });
    }
  }
  return errors;
}

const idText = (id: string | undefined) => (id === undefined ? 'no id' : `id '${id}'`);

/** The resource as JSON with sorted keys and without `meta`, which says nothing of the patient. */
function canonical(resource: object): string {
  const { meta: _meta, ...rest } = resource as { meta?: unknown };
  return JSON.stringify(sorted(rest));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sorted((value as Record<string, unknown>)[key])]),
  );
}

function identityOf(patient: Entry<Patient>, copies: readonly Entry<Patient>[]): Identity {
  const { id, identifier } = patient.resource;
  const ids = new Set<string>(id === undefined ? [] : [id]);
  const fullUrls = new Set<string>();
  for (const copy of copies) if (copy.fullUrl !== undefined) fullUrls.add(copy.fullUrl);
  const identifiers = new Set<string>();
  for (const i of identifier ?? []) {
    if (i.system !== undefined && i.value !== undefined) identifiers.add(`${i.system}|${i.value}`);
  }
  const name = id === undefined ? patient.path : `${patient.path}, Patient/${id}`;
  return { name, ids, fullUrls, identifiers, absoluteUrls: absoluteOf(fullUrls), adopted: false };
}

/** Without a Patient resource, the first reference to a patient by id stands for the patient. */
function adopt(reference: Reference, path: string): Identity | undefined {
  const ref = reference.reference;
  if (ref === undefined || ref.startsWith('#')) return undefined;
  const typed = TYPED.exec(ref);
  if (typed === null || typed[2] !== 'Patient') return undefined;
  const id = typed[3] as string;
  return {
    name: `Patient/${id}, as ${path} names it; the bundle has no Patient resource`,
    ids: new Set([id]),
    fullUrls: new Set(),
    identifiers: new Set(),
    absoluteUrls: [],
    adopted: true,
  };
}

const isAbsolute = (url: string) => /^https?:\/\//.test(url);

function absoluteOf(fullUrls: ReadonlySet<string>): string[] {
  return [...fullUrls].filter(isAbsolute);
}

/** `resolve`, remembered per reference text: with a text, nothing else of the reference is read. */
function resolveOnce(reference: Reference, identity: Identity, memo: Map<string, Resolution>): Resolution {
  const ref = reference.reference;
  if (ref === undefined) return resolve(reference, identity);
  let resolved = memo.get(ref);
  if (resolved === undefined) {
    resolved = resolve(reference, identity);
    memo.set(ref, resolved);
  }
  return resolved;
}

function resolve(reference: Reference, identity: Identity): Resolution {
  const ref = reference.reference;
  const conditional = ref === undefined ? undefined : decoded(CONDITIONAL.exec(ref)?.[1]);
  if (ref === undefined || conditional !== undefined) {
    const { system, value } = reference.identifier ?? {};
    const key =
      conditional ?? (system !== undefined && value !== undefined ? `${system}|${value}` : undefined);
    if (key !== undefined && identity.identifiers.has(key)) return { is: 'same' };
    return { is: 'unresolved', why: describeUnresolvable(reference) };
  }
  if (ref.startsWith('#')) return { is: 'other', what: `a contained resource ('${ref}')` };
  if (identity.fullUrls.has(ref)) return { is: 'same' };
  const typed = TYPED.exec(ref);
  if (typed !== null) {
    const [, base, type, id] = typed as unknown as [string, string | undefined, string, string];
    if (type !== 'Patient') return { is: 'other', what: `'${ref}' (not a Patient)` };
    const { absoluteUrls } = identity;
    // An absolute reference names its server: it is the Patient only at the Patient's own address.
    if (base !== undefined && isAbsolute(base) && absoluteUrls.length > 0) {
      const bare = `${base}Patient/${id}`;
      return absoluteUrls.includes(bare) ? { is: 'same' } : { is: 'other', what: `'${ref}'` };
    }
    if (identity.ids.size === 0)
      return {
        is: 'unresolved',
        why: `'${ref}' cannot be compared with the bundle's Patient, which has no id`,
      };
    return identity.ids.has(id) ? { is: 'same' } : { is: 'other', what: `'${ref}'` };
  }
  // A `urn:uuid:` or `urn:oid:` reference resolves only to an entry's fullUrl, and it is not the Patient's.
  if (ref.startsWith('urn:') && !identity.adopted && identity.fullUrls.size > 0)
    return { is: 'other', what: `'${ref}'` };
  return { is: 'unresolved', why: describeUnresolvable(reference) };
}

function decoded(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function describeUnresolvable(reference: Reference): string {
  if (reference.reference !== undefined)
    return `the reference '${reference.reference}' cannot be resolved to a Patient in the bundle`;
  const { system, value } = reference.identifier ?? {};
  if (value !== undefined)
    return `the reference gives only an identifier (${system ?? '(no system)'}|${value}) that the bundle's Patient does not list`;
  return 'the reference names no resource';
}
