import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compileView } from './compile';
import { createResourceTable, loadResources, runView } from './duckdb/run';

const patients = [
  {
    resourceType: 'Patient',
    id: 'p1',
    active: true,
    name: [{ family: 'A', given: ['x', 'y'] }, { family: 'B' }],
  },
  { resourceType: 'Patient', id: 'p2', active: false, name: [{ family: 'C' }] },
  { resourceType: 'Patient', id: 'p3' },
  { resourceType: 'Observation', id: 'o1', valueQuantity: { value: 7.5, unit: 'mmol/L' } },
];

const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
beforeAll(async () => {
  await createResourceTable(connection, 'fhir_resources');
  await loadResources(connection, patients, 'fhir_resources');
});
afterAll(() => connection.closeSync());

async function rows(view: unknown) {
  const compiled = compileView(view, { table: 'fhir_resources' });
  if (!compiled.ok) throw compiled.errors[0];
  const result = await runView(connection, compiled);
  // Rows come in no particular order; sort by id so that a test can list them.
  return result.sort((a, b) => String(a.id).localeCompare(String(b.id)));
}

function errorOf(view: unknown): string {
  const compiled = compileView(view);
  return compiled.ok ? 'compiled' : compiled.errors.map((e) => e.message).join('\n');
}

describe('compileView reports a bad view with the element at fault', () => {
  const patient = (extra: object) => ({
    resource: 'Patient',
    select: [{ column: [{ name: 'id', path: 'id' }] }],
    ...extra,
  });

  test.each([
    [{}, 'S0101 resource: not a valid ViewDefinition: this element is required'],
    [
      { resource: 'Patient', select: [{ forEach: 1 }] },
      'S0101 select[0].forEach: not a valid ViewDefinition: Invalid input: expected string, received number',
    ],
    [
      { resource: 'Patient', select: [{ colum: [] }] },
      'S0101 select[0]: not a valid ViewDefinition: Unrecognized key: "colum"',
    ],
    [
      patient({ constant: [{ name: 'c' }] }),
      "S0102 constant[0]: constant 'c' needs exactly one value[x] element",
    ],
    [
      {
        resource: 'Patient',
        select: [{ column: [{ name: 'id', path: 'id' }] }, { column: [{ name: 'id', path: 'id' }] }],
      },
      "S0103 select: column 'id' is defined twice; column names must be unique",
    ],
    [
      { resource: 'Patient', select: [{ forEach: 'a', forEachOrNull: 'b' }] },
      'S0105 select[0]: a select may have only one of forEach, forEachOrNull and repeat',
    ],
    [
      { resource: 'Patient', select: [{ column: [{ name: 'x', path: 'id', type: 'Quantity' }] }] },
      "S0106 select[0].column[0].type: unknown column type 'Quantity'",
    ],
    [
      { resource: 'Patient', select: [{ forEach: 'name.' }] },
      "S0201 select[0].forEach: FHIRPath syntax error at column 6 of 'name.': expected a name or a function call",
    ],
    [
      patient({ where: [{ path: '%nope' }] }),
      'S0301 where[0].path: unknown constant %nope; the view defines no constants',
    ],
    [
      { resource: 'Patient', select: [{ column: [{ name: 'x', path: 'name.descendants()' }] }] },
      'S0302 select[0].column[0].path: function descendants() is not in the supported FHIRPath subset',
    ],
    [
      { resource: 'Patient', select: [{ column: [{ name: 'x', path: 'name.first(1)' }] }] },
      'S0303 select[0].column[0].path: first() takes 0 argument(s)',
    ],
    [
      { resource: 'Patient', select: [{ column: [{ name: 'x', path: "name in 'a'" }] }] },
      "S0304 select[0].column[0].path: operator 'in' is not in the supported FHIRPath subset",
    ],
    [
      patient({ where: [{ path: "name.given.join(',')" }] }),
      "S0305 where[0].path: 'name.given.join(',')' must give a boolean",
    ],
  ])('%j', (view, message) => {
    expect(errorOf(view)).toBe(message);
  });
});

describe('compiled views run on DuckDB', () => {
  test('typed columns: text, boolean, decimal, integer, and lists for collection: true', async () => {
    expect(
      await rows({
        resource: 'Patient',
        select: [
          {
            column: [
              { name: 'id', path: 'id', type: 'id' },
              { name: 'active', path: 'active', type: 'boolean' },
              { name: 'names', path: 'name.count()', type: 'integer' },
              { name: 'given', path: 'name.given', type: 'string', collection: true },
            ],
          },
        ],
      }),
    ).toEqual([
      { id: 'p1', active: true, names: 2, given: ['x', 'y'] },
      { id: 'p2', active: false, names: 1, given: [] },
      { id: 'p3', active: null, names: 0, given: [] },
    ]);
  });

  test('a missing element is null, never false: where keeps only rows whose condition is true', async () => {
    const view = (path: string) => ({
      resource: 'Patient',
      select: [{ column: [{ name: 'id', path: 'id' }] }],
      where: [{ path }],
    });
    expect(await rows(view('active = false'))).toEqual([{ id: 'p2' }]);
    expect(await rows(view('(active = false).not()'))).toEqual([{ id: 'p1' }]);
  });

  test('a choice element by type, and a column without a type as JSON', async () => {
    expect(
      await rows({
        resource: 'Observation',
        select: [
          {
            column: [
              { name: 'q', path: 'value.ofType(Quantity)' },
              { name: 'v', path: 'value.ofType(Quantity).value', type: 'decimal' },
            ],
          },
        ],
      }),
    ).toEqual([{ q: { value: 7.5, unit: 'mmol/L' }, v: 7.5 }]);
  });

  test('more than one value in a column without collection: true stops the query with the column named', async () => {
    await expect(
      rows({
        resource: 'Patient',
        select: [{ column: [{ name: 'family', path: 'name.family', type: 'string' }] }],
      }),
    ).rejects.toThrow(
      "column 'family' (select[0].column[0].path): 'name.family' gave more than one value; set collection: true",
    );
  });

  test('a where that gives a string stops the query', async () => {
    await expect(
      rows({
        resource: 'Patient',
        select: [{ column: [{ name: 'id', path: 'id' }] }],
        where: [{ path: 'id' }],
      }),
    ).rejects.toThrow("where[0].path: 'id' must give a boolean");
  });
});
