import { describe, expect, it } from 'vitest';
import { bundle, concept, condition, encounter, ICD10, SNOMED, verification } from '../testing/fhir';
import { readBundle } from '../testing/read';

const ASOF = '2025-03-15';

const HF_ICD = concept(ICD10, 'I50.9', 'Heart failure, unspecified');
const HF_SNOMED = concept(SNOMED, '84114007', 'Heart failure');
const ADMISSION = concept(SNOMED, '32485007', 'Hospital admission');

describe('Encounters', () => {
  it('reads period, class and status, matching type and reasonCode, for the elements that take its class', () => {
    const { facts, warnings } = readBundle(
      bundle(
        encounter(
          'IMP',
          [ADMISSION],
          { start: '2024-11-02T08:00:00+01:00', end: '2024-11-12T10:00:00+01:00' },
          {
            reasonCode: [HF_ICD],
          },
        ),
        encounter('EMER', [HF_SNOMED], { start: '2025-02-01T22:10:00Z' }, { status: 'in-progress' }),
      ),
      ASOF,
    );
    expect(facts.hf_admission).toEqual([
      {
        system: ICD10,
        code: 'I50.9',
        display: 'Heart failure, unspecified',
        start: '2024-11-02',
        end: '2024-11-12',
        class: 'inpatient',
        status: 'finished',
      },
    ]);
    // The emergency visit for heart failure is no admission; `from any` takes both, their classes allowing.
    expect(facts.acute_visit).toEqual([
      {
        system: SNOMED,
        code: '32485007',
        display: 'Hospital admission',
        start: '2024-11-02',
        end: '2024-11-12',
        class: 'inpatient',
        status: 'finished',
      },
      {
        system: SNOMED,
        code: '84114007',
        display: 'Heart failure',
        start: '2025-02-01',
        class: 'emergency',
        status: 'in-progress',
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it('reads the codes of the Conditions its diagnoses name, when the bundle holds them', () => {
    const hf = { ...condition(ICD10, 'I50.1'), id: 'c1' };
    const refuted = {
      ...condition(ICD10, 'I50.9', { verificationStatus: verification('refuted') }),
      id: 'c2',
    };
    const raw = bundle(
      hf,
      refuted,
      encounter(
        'IMP',
        [ADMISSION],
        { start: '2025-01-05', end: '2025-01-09' },
        {
          diagnosis: [{ condition: { reference: 'Condition/c1' } }],
        },
      ),
      encounter(
        'IMP',
        [ADMISSION],
        { start: '2025-02-05', end: '2025-02-09' },
        {
          diagnosis: [
            { condition: { reference: 'Condition/c2' } },
            { condition: { reference: 'Condition/gone' } },
          ],
        },
      ),
    );
    const { facts } = readBundle(raw, ASOF);
    expect(facts.hf_admission).toEqual([
      {
        system: ICD10,
        code: 'I50.1',
        start: '2025-01-05',
        end: '2025-01-09',
        class: 'inpatient',
        status: 'finished',
      },
    ]);
  });

  it('never reads planned, cancelled or entered-in-error encounters, nor ones that start after screening', () => {
    const period = { start: '2025-01-05', end: '2025-01-09' };
    const { facts } = readBundle(
      bundle(
        encounter('IMP', [HF_ICD], period, { status: 'planned' }),
        encounter('IMP', [HF_ICD], period, { status: 'cancelled' }),
        encounter('IMP', [HF_ICD], period, { status: 'entered-in-error' }),
        encounter('IMP', [HF_ICD], { start: '2025-03-16', end: '2025-03-20' }),
      ),
      ASOF,
    );
    expect(facts.hf_admission).toEqual([]);
    expect(facts.acute_visit).toBeUndefined();
  });

  it('maps every v3 ActEncounterCode class; another system leaves the class unknown, with a warning', () => {
    const codes = ['IMP', 'ACUTE', 'NONAC', 'EMER', 'AMB', 'OBSENC', 'SS', 'PRENC', 'HH', 'FLD', 'VR'];
    const period = { start: '2025-01-05', end: '2025-01-05' };
    const { facts } = readBundle(bundle(...codes.map((c) => encounter(c, [HF_ICD], period))), ASOF);
    expect((facts.any_encounter as { class?: string }[]).map((r) => r.class)).toEqual([
      'inpatient',
      'inpatient',
      'inpatient',
      'emergency',
      'ambulatory',
      'observation',
      'short_stay',
      'preadmission',
      'home',
      'field',
      'virtual',
    ]);
    const local = encounter('IMP', [HF_ICD], period, { class: { system: 'urn:local', code: 'WARD' } });
    const read = readBundle(bundle(local), ASOF);
    expect(read.facts.hf_admission).toEqual([
      {
        system: ICD10,
        code: 'I50.9',
        display: 'Heart failure, unspecified',
        start: '2025-01-05',
        end: '2025-01-05',
        status: 'finished',
      },
    ]);
    expect(read.warnings.map((w) => [w.code, w.path, w.message])).toEqual([
      [
        'W-FHIR-CLASS',
        'bundle.entry[0].resource.class',
        'an Encounter of class urn:local|WARD, which is not a v3 ActEncounterCode class; it is read without a class, so hf_admission, acute_visit cannot tell whether it is of the classes they ask for',
      ],
    ]);
    // Without a system, the code is read as ActCode's.
    const bare = encounter('EMER', [HF_ICD], period, { class: { code: 'EMER' } });
    expect(readBundle(bundle(bare), ASOF).facts.acute_visit).toMatchObject([{ class: 'emergency' }]);
  });

  it('gives an encounter of another class to no element that asks for classes, and warns of none', () => {
    const { facts, warnings } = readBundle(
      bundle(encounter('AMB', [], { start: '2025-01-05', end: '2025-01-05' })),
      ASOF,
    );
    expect(facts.hf_admission).toEqual([]);
    expect(facts.acute_visit).toBeUndefined();
    expect(facts.any_encounter).toEqual([
      { start: '2025-01-05', end: '2025-01-05', class: 'ambulatory', status: 'finished' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('reads an encounter it cannot classify as unclassified for the elements bound elsewhere', () => {
    const cpt = concept('http://www.ama-assn.org/go/cpt', '99223', 'Initial hospital care');
    const { facts, warnings } = readBundle(
      bundle(encounter('IMP', [cpt], { start: '2025-01-05', end: '2025-01-09' })),
      ASOF,
    );
    expect(facts.hf_admission).toEqual([
      {
        system: 'http://www.ama-assn.org/go/cpt',
        code: '99223',
        display: 'Initial hospital care',
        unclassified: true,
        start: '2025-01-05',
        end: '2025-01-09',
        class: 'inpatient',
        status: 'finished',
      },
    ]);
    expect(warnings.map((w) => [w.code, w.message])).toEqual([
      [
        'W-FHIR-UNCLASSIFIED',
        "an Encounter with the codes http://www.ama-assn.org/go/cpt|99223 ('Initial hospital care') has no code in a system that the bindings of hf_admission use (http://hl7.org/fhir/sid/icd-10, http://snomed.info/sct); it is read as an unclassified encounter record of each, so their criteria are unknown where it could decide them",
      ],
    ]);
  });

  it('refuses an encounter status that is not an R4 code', () => {
    const bad = encounter('IMP', [HF_ICD], { start: '2025-01-05' }, { status: 'done' as 'finished' });
    expect(() => readBundle(bundle(bad), ASOF)).toThrow(/bundle\.entry\[0\]\.resource\.status/);
  });
});
