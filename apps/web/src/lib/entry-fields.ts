import type { AnswerInfo, CodeBindingInfo, ElementInfo, ProtocolInfo, RecordKind } from '@eligo/core';
import { bindingSystems, type CodeOption, codeOptions } from './code-search';
import { unitChoices } from './unit-choices';

/** One field of the hand-entry form, generated from a data element's declaration. */
export type EntryField =
  | { readonly kind: 'birthDate'; readonly id: string; readonly label: string }
  | { readonly kind: 'sex'; readonly id: string; readonly label: string; readonly values: readonly string[] }
  | {
      readonly kind: 'lab';
      readonly id: string;
      readonly label: string;
      /** The declared unit first, then the units a result may be entered in. */
      readonly units: readonly string[];
    }
  | { readonly kind: 'test'; readonly id: string; readonly label: string; readonly values: readonly string[] }
  | {
      readonly kind: 'record';
      readonly record: RecordKind;
      readonly id: string;
      readonly label: string;
      readonly binding: CodeBindingInfo | undefined;
      readonly codes: readonly CodeOption[];
      readonly systems: readonly string[];
      /** The protocol declares this kind's records a complete history: not entered reads as none. */
      readonly complete: boolean;
    }
  | { readonly kind: 'question'; readonly id: string; readonly label: string; readonly answer: AnswerInfo };

export type GroupId =
  | 'demographics'
  | 'labs'
  | 'diagnoses'
  | 'medications'
  | 'procedures'
  | 'scores'
  | 'questions';

export interface EntryGroup {
  readonly id: GroupId;
  readonly title: string;
  readonly fields: readonly EntryField[];
}

const TITLES: Readonly<Record<GroupId, string>> = {
  demographics: 'Demographics',
  labs: 'Laboratory results and tests',
  diagnoses: 'Diagnoses and allergies',
  medications: 'Medications',
  procedures: 'Procedures and encounters',
  scores: 'Scores',
  questions: 'Questions',
};

const ORDER: readonly GroupId[] = [
  'demographics',
  'labs',
  'diagnoses',
  'medications',
  'procedures',
  'scores',
  'questions',
];

function groupOf(el: ElementInfo): GroupId | undefined {
  switch (el.kind) {
    case 'patient':
      return 'demographics';
    case 'lab':
    case 'test':
      return 'labs';
    case 'condition':
    case 'allergy':
      return 'diagnoses';
    case 'medication':
      return 'medications';
    case 'procedure':
    case 'encounter':
      return 'procedures';
    case 'question':
      return el.answer?.type === 'score' || el.answer?.type === 'count' ? 'scores' : 'questions';
    case 'define':
      return undefined;
  }
}

function fieldOf(el: ElementInfo, info: ProtocolInfo): EntryField | undefined {
  const { id, label } = el;
  switch (el.kind) {
    case 'patient':
      return el.patientField === 'gender'
        ? { kind: 'sex', id, label, values: el.values ?? ['male', 'female', 'other', 'unknown'] }
        : { kind: 'birthDate', id, label };
    case 'lab':
      return { kind: 'lab', id, label, units: el.unit ? unitChoices(el.unit, el.molarMass) : [] };
    case 'test':
      return { kind: 'test', id, label, values: el.values ?? ['positive', 'negative'] };
    case 'condition':
    case 'medication':
    case 'procedure':
    case 'allergy':
    case 'encounter':
      return {
        kind: 'record',
        record: el.kind,
        id,
        label,
        binding: el.binding,
        codes: codeOptions(el),
        systems: bindingSystems(el.binding),
        complete: info.complete.includes(el.kind),
      };
    case 'question':
      return { kind: 'question', id, label, answer: el.answer ?? { type: 'boolean' } };
    case 'define':
      return undefined;
  }
}

/** The hand-entry form of a protocol: its data elements and questions in groups, empty groups left out. */
export function entryGroups(info: ProtocolInfo): EntryGroup[] {
  const byGroup = new Map<GroupId, EntryField[]>();
  for (const el of info.elements) {
    const group = groupOf(el);
    const field = fieldOf(el, info);
    if (!group || !field) continue;
    byGroup.set(group, [...(byGroup.get(group) ?? []), field]);
  }
  return ORDER.filter((id) => byGroup.has(id)).map((id) => ({
    id,
    title: TITLES[id],
    fields: byGroup.get(id)!,
  }));
}
