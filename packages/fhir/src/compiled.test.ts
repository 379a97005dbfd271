import { type CompiledProtocol, compile, parseScreeningInput, screen } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import igan from '../../protocols/NCT06469190/examples/eligible-igan.json';
import pmn from '../../protocols/NCT06469190/examples/ineligible-pmn.json';
import nctSource from '../../protocols/NCT06469190/NCT06469190.elig?raw';
import { prepareScreeningInput } from './prepare';
import { bundle, concept, condition, ICD10, lab, patient, statement } from './testing/fhir';

function compiled(text: string, name: string): CompiledProtocol {
  const result = compile(text, { name });
  if (!result.protocol) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.protocol;
}

/**
 * Facts read from a bundle must pass the protocol's own input schema unchanged (no default filled
 * in): screenDocument screens them without running that schema again.
 */
function prepareAndParse(protocol: CompiledProtocol, doc: unknown) {
  const prepared = prepareScreeningInput(protocol.info, doc);
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.errors));
  const parsed = parseScreeningInput(protocol, prepared.input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  expect(parsed.input).toEqual(prepared.input);
  return prepared;
}

const small = `trial SMALL-1 "A small protocol"
records complete for condition, medication

patient birth_date "Date of birth" from birthDate
lab creatinine "Serum creatinine" in mg/dL from loinc 2160-0, 14682-9 molar mass 113.12 g/mol
condition malignancy "Malignant neoplasm" from icd10 C00 to C97 except C44*
medication arb "ARB" from atc C09C*
medication gcsf "G-CSF" from atc L03AA*

inclusion
  IN-1 "Creatinine at most 1.5 mg/dL"
    met if creatinine <= 1.5 mg/dL
exclusion
  EX-1 "Malignancy"
    met if malignancy
`;

describe('with a compiled protocol', () => {
  it('reads a bundle through the bindings the compiler gives', () => {
    const protocol = compiled(small, 'small.elig');
    const { input, warnings } = prepareAndParse(protocol, {
      asOf: '2025-03-15',
      bundle: bundle(
        patient('1980-05'),
        lab('14682-9', 93, 'umol/L', '2025-03-10'),
        condition(ICD10, 'C44.9'),
        condition('http://hl7.org/fhir/sid/icd-10-cm', 'C50.911'),
        statement('C09CA01', { effectivePeriod: { start: '2024-01-01' } }),
        { ...lab('8867-4', 70, '/min', '2025-03-10'), code: concept('http://loinc.org', '8867-4') },
      ),
    });
    expect(input.facts).toEqual({
      birth_date: '1980-05',
      creatinine: [{ value: 93, unit: 'umol/L', date: '2025-03-10' }],
      malignancy: [
        { system: ICD10, code: 'C50.911', clinicalStatus: 'active', verificationStatus: 'confirmed' },
      ],
      arb: [{ system: 'http://www.whocc.no/atc', code: 'C09CA01', start: '2024-01-01' }],
      gcsf: [],
    });
    expect(warnings.map((w) => w.code)).toEqual(['W-FHIR-UNMAPPED']);
  });

  it("converts NCT06469190's worked examples into facts its schema accepts", () => {
    const protocol = compiled(nctSource, 'NCT06469190.elig');
    const eligible = prepareAndParse(protocol, igan).input.facts;
    expect(eligible.wbc).toEqual([
      { value: 5.6, unit: '10*9/L', date: '2025-03-12', referenceRange: { low: 3.5, high: 9.5 } },
    ]);
    expect(eligible.iga_nephropathy).toEqual([
      {
        system: ICD10,
        code: 'N02.8',
        display: 'Recurrent and persistent haematuria, other morphologic changes (IgA nephropathy)',
        clinicalStatus: 'active',
        verificationStatus: 'confirmed',
        onset: '2021-11-02',
      },
    ]);
    expect(eligible.acei_arb).toEqual([
      { system: 'http://www.whocc.no/atc', code: 'C09CA01', display: 'losartan', start: '2021-12-01' },
    ]);
    expect(eligible.serum_hcg).toEqual([{ code: 'negative', date: '2025-03-13' }]);
    expect(eligible.membranous_nephropathy).toEqual([]);

    const ineligible = prepareAndParse(protocol, pmn).input.facts;
    expect(ineligible.membranous_nephropathy).toHaveLength(1);
    expect(ineligible.iga_nephropathy).toEqual([]);
  });

  it('maps every Observation of the worked examples to an element', () => {
    const protocol = compiled(nctSource, 'NCT06469190.elig');
    expect(prepareAndParse(protocol, igan).warnings).toEqual([]);
    expect(prepareAndParse(protocol, pmn).warnings).toEqual([]);
  });

  it('screens radiotherapy by body site and FSH against the range that applies, from a bundle', () => {
    const text = `trial SITE-1 "Body sites and ranges"
records complete for procedure
lab fsh "FSH" in m[IU]/mL from loinc 15067-2 range for snomed 76498008
procedure non_cns_rt "Radiotherapy to non-CNS lesions" from snomed 108290001
  site except snomed 12738006, 258335003, 2748008
inclusion
  IN-1 met if not non_cns_rt within 13 days before screening
  IN-2 met if fsh >= 1 x LLN
`;
    const protocol = compiled(text, 'site.elig');
    const SNOMED = 'http://snomed.info/sct';
    const course = (site: string | undefined) => ({
      resourceType: 'Procedure' as const,
      status: 'completed' as const,
      subject: { reference: 'Patient/p' },
      code: concept(SNOMED, '108290001'),
      performedPeriod: { start: '2025-03-03', end: '2025-03-07' },
      ...(site === undefined ? {} : { bodySite: [concept(SNOMED, site)] }),
    });
    const fsh = lab('15067-2', 40, 'm[IU]/mL', '2025-03-10', {
      referenceRange: [
        { low: { value: 3.5 }, appliesTo: [concept(SNOMED, '289903006')] },
        { low: { value: 25.8 }, appliesTo: [concept(SNOMED, '76498008')] },
      ],
    });
    const statuses = (...resources: Parameters<typeof bundle>) => {
      const { input } = prepareAndParse(protocol, {
        asOf: '2025-03-15',
        bundle: bundle(patient('1970'), ...resources),
      });
      return screen(protocol, input).cohorts[0]!.criteria.map((c) => c.status);
    };
    expect(statuses(course('12738006'), fsh)).toEqual(['met', 'met']);
    expect(statuses(course('39607008'))).toEqual(['not_met', 'unknown']);
    expect(statuses(course(undefined))).toEqual(['unknown', 'unknown']);
  });
});
