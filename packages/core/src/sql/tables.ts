import type { SqlDialect } from './dialect';

/**
 * The tables a compiled query reads: a population's columns (population/columns.ts) as rows, one
 * table per column kind. Days are day numbers (days since 1970-01-01), NULL when undated; a
 * partial date keeps its earliest and latest day. Birth dates also carry calendar keys
 * (`yyyy*10000 + mm*100 + dd`), because completed years are read off keys (decide/age.ts) and
 * engines disagree on date functions. Enumerated fields hold the facts schema's own words.
 */
export interface SqlTableNames {
  readonly patient: string;
  readonly result: string;
  readonly record: string;
  readonly given: string;
  readonly date: string;
  readonly code: string;
  readonly detail: string;
}

export const DEFAULT_TABLES: SqlTableNames = {
  patient: 'eligo_patient',
  result: 'eligo_result',
  record: 'eligo_record',
  given: 'eligo_given',
  date: 'eligo_date',
  code: 'eligo_code',
  detail: 'eligo_detail',
};

type Column = readonly [name: string, type: 'int' | 'double' | 'text' | 'smallint'];

/** Columns per table, in order. `pid` is the patient's position; `seq` orders one element's rows as they arrived. */
export const TABLE_COLUMNS: Readonly<Record<keyof SqlTableNames, readonly Column[]>> = {
  patient: [
    ['pid', 'int'],
    ['ref', 'text'],
  ],
  result: [
    ['pid', 'int'],
    ['element', 'text'],
    ['seq', 'int'],
    ['value', 'double'],
    ['unit', 'text'],
    ['comparator', 'text'],
    ['code', 'text'],
    ['day_lo', 'int'],
    ['day_hi', 'int'],
    ['low', 'double'],
    ['high', 'double'],
  ],
  record: [
    ['pid', 'int'],
    ['element', 'text'],
    ['seq', 'int'],
    ['clinical', 'text'],
    ['verification', 'text'],
    ['start_lo', 'int'],
    ['start_hi', 'int'],
    ['end_lo', 'int'],
    ['end_hi', 'int'],
    ['criticality', 'text'],
    ['severity', 'text'],
    ['route', 'text'],
    ['status', 'text'],
    ['encounter_class', 'text'],
    ['unclassified', 'smallint'],
    // Medications: the drug's coding (the system by its canonical URI), one dose with its unit and
    // the doses a day, and a daily dose given directly with its unit, each as the record gives it.
    ['drug_system', 'text'],
    ['drug_code', 'text'],
    ['dose', 'double'],
    ['dose_unit', 'text'],
    ['per_day', 'double'],
    ['daily_dose', 'double'],
    ['daily_unit', 'text'],
  ],
  given: [
    ['pid', 'int'],
    ['element', 'text'],
    ['given', 'smallint'],
  ],
  date: [
    ['pid', 'int'],
    ['element', 'text'],
    ['day_lo', 'int'],
    ['day_hi', 'int'],
    ['key_lo', 'int'],
    ['key_hi', 'int'],
  ],
  code: [
    ['pid', 'int'],
    ['element', 'text'],
    ['code', 'text'],
  ],
  // A record's codings in the fields record filters read (`site …`: bodySite, `for …`: reason),
  // one row each, keyed by the record's seq; the system by its canonical URI, the code trimmed.
  detail: [
    ['pid', 'int'],
    ['element', 'text'],
    ['seq', 'int'],
    ['field', 'text'],
    ['system', 'text'],
    ['code', 'text'],
  ],
};

const TYPES: Record<SqlDialect, Record<Column[1], string>> = {
  duckdb: { int: 'INTEGER', double: 'DOUBLE', text: 'VARCHAR', smallint: 'SMALLINT' },
  postgres: { int: 'integer', double: 'double precision', text: 'text', smallint: 'smallint' },
  spark: { int: 'INT', double: 'DOUBLE', text: 'STRING', smallint: 'SMALLINT' },
  trino: { int: 'INTEGER', double: 'DOUBLE', text: 'VARCHAR', smallint: 'SMALLINT' },
};

/** CREATE TABLE statements for the input tables. */
export function tableDefinitions(dialect: SqlDialect, names: SqlTableNames = DEFAULT_TABLES): string[] {
  return (Object.keys(TABLE_COLUMNS) as (keyof SqlTableNames)[]).map(
    (t) =>
      `CREATE TABLE ${names[t]} (${TABLE_COLUMNS[t].map(([n, type]) => `${n} ${TYPES[dialect][type]}`).join(', ')})`,
  );
}

/**
 * The units found in the data, per element (`element, unit` rows): results' units, and the units
 * of medications' doses. A query carries a conversion for each (`units` of protocolToSql).
 */
export function unitsInDataSql(names: SqlTableNames = DEFAULT_TABLES): string {
  return [
    `SELECT DISTINCT element, unit FROM ${names.result} WHERE unit IS NOT NULL`,
    `SELECT DISTINCT element, dose_unit FROM ${names.record} WHERE dose_unit IS NOT NULL`,
    `SELECT DISTINCT element, daily_unit FROM ${names.record} WHERE daily_unit IS NOT NULL`,
  ]
    .join(' UNION ')
    .concat(' ORDER BY 1, 2');
}
