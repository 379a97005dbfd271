import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { type LoadProblem, problems } from './problems';

/**
 * The lines of one NDJSON file that are not FHIR resources, with their 1-based line numbers.
 * DuckDB says how many unreadable lines a file has but not where they are, so this slower scan
 * runs only over files it flagged. Blank lines are not problems (DuckDB skips them too). A byte
 * order mark before the first line is noted rather than read as part of the line: DuckDB
 * cannot read a line that starts with one, JSON.parse can once it is removed.
 */
export async function scanProblems(
  path: string,
  file: string,
): Promise<{ problems: LoadProblem[]; bom: boolean }> {
  const found: LoadProblem[] = [];
  let bom = false;
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (number === 1 && line.startsWith('\uFEFF')) bom = true;
    const problem = lineProblem(number === 1 ? line.replace(/^\uFEFF/, '') : line, file, number);
    if (problem !== undefined) found.push(problem);
  }
  return { problems: found, bom };
}

export function lineProblem(line: string, file: string, number: number): LoadProblem | undefined {
  if (line.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return problems.malformedJson(file, number, (error as Error).message);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return problems.notAnObject(
      file,
      number,
      value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value,
    );
  if (typeof (value as { resourceType?: unknown }).resourceType !== 'string')
    return problems.noResourceType(file, number);
  return undefined;
}
