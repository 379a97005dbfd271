/**
 * Whose record a resource is. A Patient is its own; other resources name their patient in
 * `subject` (Observation, Condition, Medication*, Procedure …), `patient` (AllergyIntolerance,
 * Immunization) or `beneficiary` (Coverage), the first of these with a reference deciding.
 * `Patient/123`, `https://host/fhir/Patient/123`, `Patient/123/_history/2` and `urn:uuid:123` all
 * give `123`; any other reference (a Group, a contained `#x`, an identifier only) gives none.
 *
 * The rule is written twice, in JavaScript for readers of single resources and in SQL for the
 * loader, with string functions only: DuckDB's regular expressions cost about 3 µs a row, as much
 * as reading the whole resource. A test runs both on the same references.
 */

export function patientIdOf(resource: Record<string, unknown>): string | undefined {
  if (resource.resourceType === 'Patient') return typeof resource.id === 'string' ? resource.id : undefined;
  const reference =
    referenceOf(resource.subject) ?? referenceOf(resource.patient) ?? referenceOf(resource.beneficiary);
  return reference === undefined ? undefined : patientIdOfReference(reference);
}

export function patientIdOfReference(reference: string): string | undefined {
  if (reference.startsWith('urn:uuid:')) {
    const id = reference.slice('urn:uuid:'.length);
    return id !== '' && !id.includes('/') ? id : undefined;
  }
  let bare = reference;
  const history = reference.indexOf('/_history/');
  if (history >= 0) {
    const version = reference.slice(history + '/_history/'.length);
    if (version === '' || version.includes('/')) return undefined;
    bare = reference.slice(0, history);
  }
  const parts = bare.split('/');
  const id = parts[parts.length - 1];
  return parts.length >= 2 && parts[parts.length - 2] === 'Patient' && id !== '' ? id : undefined;
}

function referenceOf(field: unknown): string | undefined {
  if (typeof field !== 'object' || field === null) return undefined;
  const reference = (field as { reference?: unknown }).reference;
  return typeof reference === 'string' ? reference : undefined;
}

/**
 * `SELECT resource_type, id, patient_id, resource` over `source`, a query or table with a JSON
 * column `json`. Each resource is parsed once, for all five fields; resource_type is NULL when the
 * row is not an object with a string resourceType. The common `Patient/<id>` is decided by the
 * first branch of the CASE, and DuckDB evaluates the general one only for the rows left over.
 */
export function resourceRowsSql(source: string): string {
  const fields = `json_extract(json, ['$.resourceType', '$.id', '$.subject.reference', '$.patient.reference', '$.beneficiary.reference'])`;
  const history = `strpos(ref, '/_history/')`;
  const bare = `CASE WHEN ${history} = 0 THEN ref
                     WHEN length(ref) > ${history} + 9 AND strpos(substr(ref, ${history} + 10), '/') = 0
                     THEN left(ref, ${history} - 1) END`;
  const parts = `string_split(${bare}, '/')`;
  return `SELECT resource_type, id,
       CASE WHEN resource_type = 'Patient' THEN id
            WHEN ref IS NULL THEN NULL
            WHEN starts_with(ref, 'Patient/') AND strpos(substr(ref, 9), '/') = 0 THEN nullif(substr(ref, 9), '')
            WHEN starts_with(ref, 'urn:uuid:') THEN
              CASE WHEN length(ref) > 9 AND strpos(substr(ref, 10), '/') = 0 THEN substr(ref, 10) END
            WHEN len(${parts}) >= 2 AND ${parts}[-2] = 'Patient' AND ${parts}[-1] <> '' THEN ${parts}[-1]
       END AS patient_id,
       json AS resource
  FROM (
    SELECT CASE WHEN json_type(f[1]) = 'VARCHAR' THEN f[1]->>'$' END AS resource_type,
           f[2]->>'$' AS id,
           coalesce(f[3]->>'$', f[4]->>'$', f[5]->>'$') AS ref,
           json
      FROM (SELECT ${fields} AS f, json FROM ${source}))`;
}
