import { readFileSync } from 'node:fs';
import {
  type CompiledProtocol,
  compile,
  PopulationBuilder,
  parseScreeningInput,
  type Screening,
  type Verdict,
} from '@eligo/core';
import { prepareScreeningInput, screenDocument } from '@eligo/fhir';
import { examplePath, readProtocolSource } from '../index';
import type { ScreeningDocument } from './fhir';

let compiled: CompiledProtocol | undefined;

export function nct06469190(): CompiledProtocol {
  if (compiled) return compiled;
  const { name, text } = readProtocolSource('NCT06469190');
  const result = compile(text, { name });
  if (!result.protocol) {
    throw new Error(
      `NCT06469190.elig does not compile:\n${result.diagnostics.map((d) => d.message).join('\n')}`,
    );
  }
  compiled = result.protocol;
  return compiled;
}

export function example(file: 'eligible-igan.json' | 'ineligible-pmn.json'): ScreeningDocument {
  return JSON.parse(readFileSync(examplePath('NCT06469190', file), 'utf8')) as ScreeningDocument;
}

export function screenDoc(doc: unknown): Screening {
  const result = screenDocument(nct06469190(), doc);
  if (!result.ok) throw new Error(`bad input: ${JSON.stringify(result.errors)}`);
  return result.screening;
}

export function cohort(screening: Screening, id: string) {
  const found = screening.cohorts.find((c) => c.id === id);
  if (!found) throw new Error(`no cohort ${id}`);
  return found;
}

export function criterion(screening: Screening, cohortId: string, criterionId: string) {
  const found = cohort(screening, cohortId).criteria.find((c) => c.id === criterionId);
  if (!found) throw new Error(`no criterion ${criterionId} in ${cohortId}`);
  return found;
}

function inputOf(doc: unknown) {
  const protocol = nct06469190();
  const prepared = prepareScreeningInput(protocol.info, doc);
  if (!prepared.ok) throw new Error(`bad input: ${JSON.stringify(prepared.errors)}`);
  const parsed = parseScreeningInput(protocol, prepared.input);
  if (!parsed.ok) throw new Error(`bad facts: ${JSON.stringify(parsed.issues)}`);
  return parsed.input;
}

/** The verdict-only fast path on the same document, for checking it against the explaining path. */
export function fastVerdicts(doc: unknown): Verdict[] {
  return nct06469190().verdicts(inputOf(doc));
}

/**
 * The population path and the fast path on the document's facts without answers (a population
 * has none): each criterion's status code from both, to compare.
 */
export function populationAndFastStatuses(doc: unknown): { population: number[]; fast: number[] } {
  const protocol = nct06469190();
  const input = { ...inputOf(doc), answers: {} };
  const builder = new PopulationBuilder(protocol.info, input.asOf);
  builder.add(input.facts ?? {});
  const result = protocol.population(builder.build(), { statuses: true });
  return { population: Array.from(result.statuses!), fast: Array.from(protocol.evaluate(input).statuses) };
}
