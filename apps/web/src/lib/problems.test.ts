import { describe, expect, it } from 'vitest';
import { readableProblem } from './problems';

const labels: Record<string, string> = { sex: 'Administrative sex', wbc: 'White blood cell count' };
const labelOf = (id: string) => labels[id];

describe('readableProblem', () => {
  it('names the data element and its path, and rewords the validator', () => {
    expect(
      readableProblem(
        { path: 'facts.sex', message: 'Invalid option: expected one of "male"|"female"|"other"|"unknown"' },
        labelOf,
      ),
    ).toBe('Administrative sex (facts.sex): expected one of male, female, other or unknown.');
    expect(
      readableProblem(
        { path: 'facts.wbc', message: 'Invalid input: expected object, received number' },
        labelOf,
      ),
    ).toBe('White blood cell count (facts.wbc): expected an object, got a number.');
    expect(readableProblem({ path: 'facts', message: 'Unrecognized key: "egfr"' }, labelOf)).toBe(
      'facts: egfr is not data this protocol reads.',
    );
    expect(readableProblem({ path: 'answers', message: 'Unrecognized keys: "a", "b"' }, labelOf)).toBe(
      'answers: a and b are not questions this protocol asks.',
    );
  });

  it('keeps messages that are already written for people', () => {
    expect(
      readableProblem(
        { path: 'bundle.entry[0].resource.birthDate', message: 'expected a FHIR date or dateTime' },
        labelOf,
      ),
    ).toBe('bundle.entry[0].resource.birthDate: expected a FHIR date or dateTime.');
    expect(readableProblem({ path: '', message: 'expected an object' }, labelOf)).toBe('expected an object.');
  });
});
