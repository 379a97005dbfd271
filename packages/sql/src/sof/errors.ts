/**
 * Every error the ViewDefinition compiler reports, one factory per code. A `SofError` carries a
 * stable code and a `where`: the JSON path into the ViewDefinition (`select[0].column[1].path`),
 * so an author finds the offending element without reading SQL. Codes: S01xx structure, S02xx
 * FHIRPath syntax, S03xx FHIRPath meaning.
 */
export class SofError extends Error {
  override readonly name = 'SofError';
  constructor(
    readonly code: string,
    message: string,
    readonly where: string,
  ) {
    super(`${code} ${where ? `${where}: ` : ''}${message}`);
  }

  toJSON(): { code: string; message: string; where: string } {
    return { code: this.code, message: this.message, where: this.where };
  }
}

// ---------------------------------------------------------------- structure (S01xx)

/** S0101: the document does not have the shape of a ViewDefinition (zod's finding, in words). */
export function invalidShape(where: string, problem: string): SofError {
  return new SofError('S0101', `not a valid ViewDefinition: ${problem}`, where);
}

/** S0102: a constant without exactly one `value[x]`. */
export function constantWithoutValue(where: string, name: string): SofError {
  return new SofError('S0102', `constant '${name}' needs exactly one value[x] element`, where);
}

/** S0103: two columns of the view's rows would carry the same name. */
export function duplicateColumn(where: string, name: string): SofError {
  return new SofError('S0103', `column '${name}' is defined twice; column names must be unique`, where);
}

/** S0104: the branches of a unionAll do not give the same columns in the same order. */
export function unionColumnsMismatch(
  where: string,
  first: readonly string[],
  other: readonly string[],
): SofError {
  return new SofError(
    'S0104',
    `unionAll branches must have the same columns in the same order: [${first.join(', ')}] vs [${other.join(', ')}]`,
    where,
  );
}

/** S0105: a select has both forEach and forEachOrNull (or repeat), which cannot combine. */
export function severalIterations(where: string): SofError {
  return new SofError('S0105', 'a select may have only one of forEach, forEachOrNull and repeat', where);
}

/** S0106: a column type this compiler does not know. */
export function unknownColumnType(where: string, type: string): SofError {
  return new SofError('S0106', `unknown column type '${type}'`, where);
}

// ---------------------------------------------------------------- FHIRPath syntax (S02xx)

/** S0201: the FHIRPath expression does not parse. */
export function pathSyntax(where: string, path: string, column: number, expected: string): SofError {
  return new SofError(
    'S0201',
    `FHIRPath syntax error at column ${column} of '${path}': expected ${expected}`,
    where,
  );
}

// ---------------------------------------------------------------- FHIRPath meaning (S03xx)

/** S0301: `%name` names no constant of the view (nor `%rowIndex`, `%resource`). */
export function unknownConstant(where: string, name: string, known: readonly string[]): SofError {
  const list = known.length > 0 ? `; constants: ${known.join(', ')}` : '; the view defines no constants';
  return new SofError('S0301', `unknown constant %${name}${list}`, where);
}

/** S0302: a function outside the supported FHIRPath subset. */
export function unsupportedFunction(where: string, name: string): SofError {
  return new SofError('S0302', `function ${name}() is not in the supported FHIRPath subset`, where);
}

/** S0303: a function called with the wrong number or kind of arguments. */
export function badArguments(where: string, name: string, expected: string): SofError {
  return new SofError('S0303', `${name}() takes ${expected}`, where);
}

/** S0304: an operator outside the supported FHIRPath subset. */
export function unsupportedOperator(where: string, operator: string): SofError {
  return new SofError('S0304', `operator '${operator}' is not in the supported FHIRPath subset`, where);
}

/** S0305: an expression that can never be boolean where a boolean is required. */
export function notBoolean(where: string, path: string): SofError {
  return new SofError('S0305', `'${path}' must give a boolean`, where);
}
