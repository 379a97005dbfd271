/**
 * Whose record a resource is. A Patient is its own; other resources name their patient in
 * `subject` (Observation, Condition, Medication*, Procedure …), `patient` (AllergyIntolerance,
 * Immunization) or `beneficiary` (Coverage). `Patient/123`, `https://host/fhir/Patient/123`,
 * `Patient/123/_history/2` and `urn:uuid:123` all give `123`; any other reference (a Group, a
 * contained `#x`, an identifier only) gives none. The JavaScript function and the SQL expression
 * are the same rule; a test runs both on the same references.
 */

const TYPED_PATIENT = /(?:^|\/)Patient\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/;
const URN_UUID = /^urn:uuid:([A-Za-z0-9\-.]{1,64})$/;

export function patientIdOf(resource: Record<string, unknown>): string | undefined {
  if (resource.resourceType === 'Patient') return typeof resource.id === 'string' ? resource.id : undefined;
  const reference =
    referenceOf(resource.subject) ?? referenceOf(resource.patient) ?? referenceOf(resource.beneficiary);
  if (reference === undefined) return undefined;
  return TYPED_PATIENT.exec(reference)?.[1] ?? URN_UUID.exec(reference)?.[1];
}

function referenceOf(field: unknown): string | undefined {
  if (typeof field !== 'object' || field === null) return undefined;
  const reference = (field as { reference?: unknown }).reference;
  return typeof reference === 'string' ? reference : undefined;
}

/**
 * The same rule over a JSON column named `column`. The first of subject, patient and
 * beneficiary that has a reference decides, as in `patientIdOf`. RE2 has no lookbehind, so the
 * id is the first capture group of each pattern; an empty extraction means no match.
 */
export function patientIdSql(column: string): string {
  const reference = `coalesce(${column}->'subject'->>'reference', ${column}->'patient'->>'reference', ${column}->'beneficiary'->>'reference')`;
  const typed = `nullif(regexp_extract(${reference}, '${TYPED_PATIENT.source}', 1), '')`;
  const urn = `nullif(regexp_extract(${reference}, '${URN_UUID.source}', 1), '')`;
  return `CASE WHEN ${column}->>'resourceType' = 'Patient' THEN ${column}->>'id' ELSE coalesce(${typed}, ${urn}) END`;
}
