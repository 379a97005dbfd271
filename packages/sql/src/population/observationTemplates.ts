import { dayFromIso, PopulationBuilder, type ProtocolInfo } from '@eligo/core';
import { bundleToFacts } from '@eligo/fhir';
import { batchRows, type Row } from '../engines/batch-rows';

/**
 * Observations read once per distinct shape instead of once per row. Bulk exports repeat the same
 * Observation (code, status, unit, reference range …) for many patients, differing in what
 * @eligo/fhir passes through unchanged: the subject, the day of the effectiveDateTime and the
 * quantity's value, and fields it never reads (id, meta, performer …). SQL keeps of each
 * Observation the fields @eligo/fhir reads, without those it passes through, as a key
 * (observationKeysSql); each distinct key is read here by @eligo/fhir itself, with marker values in
 * place of what was taken out, and the rows it gives become a template that SQL fills in with each
 * row's own day and value. The rules stay @eligo/fhir's: nothing about statuses, codes, units or
 * ranges is written twice.
 */

/**
 * The fields of an Observation @eligo/fhir reads (read/observation.ts; the subject is checked
 * apart). Another value[x] it reads only as "a value it cannot read", which gives no result, as no
 * value does: leaving it out of the key changes no result.
 */
export const OBSERVATION_FIELDS_READ = [
  'status',
  'code',
  'effectiveDateTime',
  'effectivePeriod',
  'effectiveInstant',
  'issued',
  'valueQuantity',
  'valueCodeableConcept',
  'valueString',
  'valueInteger',
  'valueBoolean',
  'dataAbsentReason',
  'method',
  'referenceRange',
] as const;
const slot = (field: (typeof OBSERVATION_FIELDS_READ)[number]) => OBSERVATION_FIELDS_READ.indexOf(field) + 1;

/** The marker day and value put where a row's own were stripped; a template must pass them through unchanged. */
const MARKER_DATE = '1901-02-03';
const MARKER_VALUE = 4321.0625;
const MARKER_PATIENT = 'eligo-template';
/** Between a key's fields; and what starts the key of an Observation keyed by its whole text. */
const SEPARATOR = '\u0001';
const WHOLE = '!!';

/** One row of eligo_result a key gives, with where its day and value come from. */
export interface TemplateRow {
  readonly key: string;
  readonly element: string;
  readonly value: number | null;
  readonly valueFromRow: boolean;
  readonly unit: string;
  readonly comparator: string | null;
  readonly code: string | null;
  readonly dayLo: number | null;
  readonly dayHi: number | null;
  readonly dayFromRow: boolean;
  readonly low: number | null;
  readonly high: number | null;
}

/**
 * SQL making `target(patient_id, ord, key, day, value, subject_ok)` from the Observations of
 * `resources`. The key is two flags (`d`: the effectiveDateTime, written to the day or the
 * moment, was taken out, with a valid issued; `v`: a numeric quantity value was) and the READ
 * fields left, each as DuckDB writes its JSON (an empty text where absent), joined by U+0001,
 * which written JSON holds only escaped (joining texts costs a third of building a JSON list of
 * them); an Observation with an explicit JSON null in one of them is keyed by its whole text
 * (`!!{…}`), which @eligo/fhir then refuses as it would in the patient's Bundle.
 * `subject_ok` is false when the subject is not plainly its patient (`Patient/<id>`,
 * `urn:uuid:<id>` or an absolute URL ending in `/Patient/<id>`, each of which names the patient
 * of a Bundle whose Patient has that id); such a patient is read whole in Node.
 */
export function observationKeysSql(resources: string, order: string, target: string): string {
  const paths = [...OBSERVATION_FIELDS_READ.map((f) => `'$.${f}'`), `'$.valueQuantity.value'`, `'$.subject'`];
  const value = OBSERVATION_FIELDS_READ.length + 1;
  const subject = OBSERVATION_FIELDS_READ.length + 2;
  const kept = OBSERVATION_FIELDS_READ.map((f, i) => {
    const x = `f[${i + 1}]`;
    if (f === 'effectiveDateTime' || f === 'issued') return `CASE WHEN plain_day THEN NULL ELSE ${x} END`;
    if (f === 'valueQuantity')
      return `CASE WHEN plain_value THEN json_merge_patch(${x}, '{"value":null}') ELSE ${x} END`;
    return x;
  });
  const fields = OBSERVATION_FIELDS_READ.length;
  return `CREATE OR REPLACE TEMP TABLE ${target} AS
SELECT patient_id, ord,
  -- An explicit null is written 'null'; an absent field is SQL NULL.
  CASE WHEN list_contains(f[1:${fields}], 'null') THEN '${WHOLE}' || CAST(resource AS VARCHAR)
    ELSE (CASE WHEN plain_day THEN 'd' ELSE '-' END) || (CASE WHEN plain_value THEN 'v' ELSE '-' END) ||
      ${kept.map((x) => `coalesce(CAST(${x} AS VARCHAR), '')`).join(` || chr(1) || `)} END AS key,
  CASE WHEN plain_day THEN CAST(CAST(left(eff, 10) AS DATE) - DATE '1970-01-01' AS INTEGER) END AS day,
  CASE WHEN plain_value THEN TRY_CAST(json_extract_string(f[${value}], '$') AS DOUBLE) END AS value,
  -- The subject as DuckDB writes JSON back (no spaces): a reference and nothing else.
  coalesce(CAST(f[${subject}] AS VARCHAR) = '{"reference":' || to_json(ref) || '}' AND (ref = 'Patient/' || patient_id
    OR ref = 'urn:uuid:' || patient_id
    OR ((starts_with(ref, 'https://') OR starts_with(ref, 'http://')) AND ends_with(ref, '/Patient/' || patient_id))), false) AS subject_ok
FROM (
  SELECT patient_id, ord, resource, f, eff, json_extract_string(f[${subject}], '$.reference') AS ref,
    coalesce(json_type(f[${slot('effectiveDateTime')}]) = 'VARCHAR' AND (length(eff) = 10 OR ${dayWithTime('eff')})
      AND ${validDay('eff')} AND (f[${slot('issued')}] IS NULL OR (json_type(f[${slot('issued')}]) = 'VARCHAR' AND ${fhirDateTime('iss')})), false) AS plain_day,
    coalesce(json_type(f[${value}]) IN ('BIGINT', 'UBIGINT', 'DOUBLE') AND isfinite(TRY_CAST(json_extract_string(f[${value}], '$') AS DOUBLE)), false) AS plain_value
  FROM (
    SELECT patient_id, ord, resource, f,
      json_extract_string(f[${slot('effectiveDateTime')}], '$') AS eff, json_extract_string(f[${slot('issued')}], '$') AS iss
    FROM (
      SELECT patient_id, ${order} AS ord, resource, json_extract(resource, [${paths.join(', ')}]) AS f
      FROM ${resources}
      WHERE resource_type = 'Observation' AND patient_id IS NOT NULL
    )
  )
)`;
}

/*
 * A result's day is the calendar day its effectiveDateTime is written on, whether or not a time
 * follows (core's parseDate, and isAfter against the screening date); the checks below accept
 * only texts @eligo/fhir's isFhirDateTime accepts (anything else stays in the key and is read by
 * it). Years 1900-2099 only: DuckDB's calendar is then surely the same as core's.
 */
const validDay = (x: string) =>
  `regexp_full_match(left(${x}, 10), '(19|20)\\d\\d-\\d\\d-\\d\\d') AND try_strptime(left(${x}, 10), '%Y-%m-%d') IS NOT NULL`;
const dayWithTime = (x: string) =>
  `regexp_full_match(${x}, '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})?')`;
/** isFhirDateTime: a year, a month, a day or a moment, its month and day on the calendar. */
const fhirDateTime = (x: string) =>
  `(length(${x}) IN (4, 7) AND regexp_full_match(${x}, '(19|20)\\d\\d(-(0[1-9]|1[0-2]))?')
    OR (length(${x}) = 10 OR ${dayWithTime(x)}) AND ${validDay(x)})`;

/**
 * The rows each key gives, read by @eligo/fhir as one patient's only Observation; undefined for
 * a key whose reading does not pass the stripped day and value through unchanged (or fails, or
 * gives anything but results): a patient with such an Observation is read whole in Node.
 */
export function observationTemplates(
  info: ProtocolInfo,
  asOf: string,
  keys: readonly string[],
): Map<string, TemplateRow[] | undefined> {
  const markerDay = dayFromIso(MARKER_DATE);
  // Every key is a patient of one batch (a builder per key costs more than the reading), the
  // first a Patient alone: what the others must give besides their results.
  const builder = new PopulationBuilder(info, asOf);
  const alone = factsOf(info, asOf, undefined);
  if (alone === undefined) throw new Error('a Patient alone cannot be read');
  builder.add(alone);
  const read: boolean[] = [];
  for (const key of keys) {
    const resource = observationOf(key);
    resource.subject = { reference: `Patient/${MARKER_PATIENT}` };
    if (key[0] === 'd') resource.effectiveDateTime = MARKER_DATE;
    if (key[1] === 'v')
      resource.valueQuantity = { ...(resource.valueQuantity as object), value: MARKER_VALUE };
    const facts = factsOf(info, asOf, resource);
    read.push(facts !== undefined);
    builder.add(facts ?? alone);
  }
  const byPatient = new Map<number, Map<string, Row[]>>();
  for (const { table, rows } of batchRows(builder.build())) {
    for (const row of rows) {
      const pid = row[0] as number;
      let tables = byPatient.get(pid);
      if (tables === undefined) {
        tables = new Map();
        byPatient.set(pid, tables);
      }
      let list = tables.get(table);
      if (list === undefined) {
        list = [];
        tables.set(table, list);
      }
      // Compared without the patient's number.
      list.push(row.slice(1));
    }
  }
  const none = new Map<string, Row[]>();
  const base = byPatient.get(0) ?? none;
  const out = new Map<string, TemplateRow[] | undefined>();
  keys.forEach((key, i) => {
    const tables = byPatient.get(i + 1) ?? none;
    out.set(
      key,
      read[i] ? template(key, tables, base, key[0] === 'd', key[1] === 'v', markerDay) : undefined,
    );
  });
  return out;
}

type Tables = Map<string, Row[]>;

/** The Observation a key stands for: its READ fields, or (`!!{…}`) the whole resource. */
function observationOf(key: string): Record<string, unknown> {
  if (key.startsWith(WHOLE)) return JSON.parse(key.slice(WHOLE.length)) as Record<string, unknown>;
  const texts = key.slice(2).split(SEPARATOR);
  // The key's text is a record's content: not repeated in an error that may be logged.
  if (texts.length !== OBSERVATION_FIELDS_READ.length)
    throw new Error(`an Observation key has ${texts.length} fields, not ${OBSERVATION_FIELDS_READ.length}`);
  const resource: Record<string, unknown> = { resourceType: 'Observation' };
  OBSERVATION_FIELDS_READ.forEach((field, i) => {
    if (texts[i] !== '') resource[field] = JSON.parse(texts[i]!);
  });
  return resource;
}

/** A key as observationKeysSql writes it, from its flags and its READ fields (undefined: absent). */
export function observationKey(flags: 'dv' | 'd-' | '-v' | '--', fields: readonly unknown[]): string {
  if (fields.length !== OBSERVATION_FIELDS_READ.length) throw new Error('one value per field read');
  return flags + fields.map((f) => (f === undefined ? '' : JSON.stringify(f))).join(SEPARATOR);
}

function factsOf(info: ProtocolInfo, asOf: string, observation: object | undefined) {
  const entry: object[] = [{ resource: { resourceType: 'Patient', id: MARKER_PATIENT } }];
  if (observation !== undefined) entry.push({ resource: observation });
  const read = bundleToFacts(info, { resourceType: 'Bundle', type: 'collection', entry }, asOf);
  return read.ok ? read.facts : undefined;
}

function template(
  key: string,
  tables: Tables,
  alone: Tables,
  dayStripped: boolean,
  valueStripped: boolean,
  markerDay: number,
): TemplateRow[] | undefined {
  // Anything but results (a study read as a procedure, say) is left to the whole-patient reading.
  for (const table of new Set([...tables.keys(), ...alone.keys()]))
    if (
      table !== 'result' &&
      table !== 'patient' &&
      JSON.stringify(tables.get(table) ?? []) !== JSON.stringify(alone.get(table) ?? [])
    )
      return undefined;
  const rows: TemplateRow[] = [];
  for (const [element, , value, unit, comparator, code, dayLo, dayHi, low, high] of tables.get('result') ??
    []) {
    if (dayStripped && (dayLo !== markerDay || dayHi !== markerDay)) return undefined;
    const valueFromRow = valueStripped && value !== null;
    if (valueFromRow && value !== MARKER_VALUE) return undefined;
    rows.push({
      key,
      element: element as string,
      value: valueFromRow ? null : (value as number | null),
      valueFromRow,
      unit: unit as string,
      comparator: comparator as string | null,
      code: code as string | null,
      dayLo: dayStripped ? null : (dayLo as number | null),
      dayHi: dayStripped ? null : (dayHi as number | null),
      dayFromRow: dayStripped,
      low: low as number | null,
      high: high as number | null,
    });
  }
  return rows;
}
