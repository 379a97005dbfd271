import { factsSchema } from '@eligo/core';
import { expect } from 'vitest';
import { bundleToFacts } from '../toFacts';
import { testProtocol } from './protocol';

/**
 * The reader's facts for a bundle, failing the test on errors and on facts the protocol's own
 * schema would refuse or change: screenDocument screens what the reader builds without running
 * that schema again.
 */
export function readBundle(bundle: unknown, asOf: string) {
  const result = bundleToFacts(testProtocol, bundle, asOf);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  expect(factsSchema(testProtocol).parse(result.facts)).toEqual(result.facts);
  return result;
}
