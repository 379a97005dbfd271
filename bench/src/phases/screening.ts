import { parseScreeningInput, screen } from '@eligo/core';
import { prepareScreeningInput } from '@eligo/fhir';
import { readProtocolSource } from '@eligo/protocols';
import { compileOrThrow } from '../engines/eligo';
import { realisticDocument } from '../fixtures/bundle';
import { type Summary, sample, summarize } from '../stats';

export interface ScreeningResult {
  readonly resources: number;
  readonly verdicts: Record<string, string>;
  /** Validate native facts against the protocol's schema, then screen with explanations. */
  readonly fromFacts: Summary;
  /** FHIR Bundle → facts (`@eligo/fhir`), validate, screen with explanations. */
  readonly fromBundle: Summary;
  /** The bundle's share: `prepareScreeningInput` alone. */
  readonly bundleToFacts: Summary;
}

/** One screening with explanations of NCT06469190, from facts and from a ~60-resource FHIR Bundle. */
export function screeningPhase(options: { repeats: number }): ScreeningResult {
  const { name, text } = readProtocolSource('NCT06469190');
  const protocol = compileOrThrow(text, name);
  const document = realisticDocument();

  const fromBundle = () => {
    const prepared = prepareScreeningInput(protocol.info, document);
    if (!prepared.ok) throw new Error(`the benchmark bundle is invalid: ${JSON.stringify(prepared.errors)}`);
    const parsed = parseScreeningInput(protocol, prepared.input);
    if (!parsed.ok)
      throw new Error(`the benchmark bundle's facts are invalid: ${JSON.stringify(parsed.issues)}`);
    return screen(protocol, parsed.input);
  };
  const screening = fromBundle();

  const prepared = prepareScreeningInput(protocol.info, document);
  if (!prepared.ok) throw new Error('unreachable: checked above');
  // A native-facts document, as an integration that already has facts would send it.
  const factsDocument = JSON.parse(JSON.stringify(prepared.input)) as unknown;
  const fromFacts = () => {
    const parsed = parseScreeningInput(protocol, factsDocument);
    if (!parsed.ok) throw new Error(`the benchmark facts are invalid: ${JSON.stringify(parsed.issues)}`);
    return screen(protocol, parsed.input);
  };

  const warmup = Math.min(500, options.repeats);
  return {
    resources: document.bundle.entry.length,
    verdicts: Object.fromEntries(screening.cohorts.map((c) => [c.id, c.verdict])),
    fromFacts: summarize(sample(fromFacts, options.repeats, warmup)),
    fromBundle: summarize(sample(fromBundle, options.repeats, warmup)),
    bundleToFacts: summarize(
      sample(() => prepareScreeningInput(protocol.info, document), options.repeats, warmup),
    ),
  };
}
