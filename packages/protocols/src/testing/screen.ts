import { readFileSync } from 'node:fs';
import {
  type CompiledProtocol,
  compile,
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

/** The verdict-only fast path on the same document, for checking it against the explaining path. */
export function fastVerdicts(doc: unknown): Verdict[] {
  const protocol = nct06469190();
  const prepared = prepareScreeningInput(protocol.info, doc);
  if (!prepared.ok) throw new Error(`bad input: ${JSON.stringify(prepared.errors)}`);
  const parsed = parseScreeningInput(protocol, prepared.input);
  if (!parsed.ok) throw new Error(`bad facts: ${JSON.stringify(parsed.issues)}`);
  return protocol.verdicts(parsed.input);
}
