import type { z } from 'zod';
import type { AnswerInfo, ElementInfo, ProtocolInfo } from '../protocol';
import { describeElement, isFactElement } from './schema';
import * as shapes from './shapes';

/**
 * TypeScript declarations for a protocol's screening input, for API clients and EHR adapters.
 * The shared shapes are printed from the same zod schemas that validate input, so the two cannot
 * drift apart; the file stands alone, with no import from Eligo.
 */

/** The shared shapes in declaration order, with what each one is. */
const SHARED: readonly [name: string, schema: z.ZodType, doc: string | undefined][] = [
  ['PartialDate', shapes.PartialDate, undefined],
  ['Day', shapes.Day, undefined],
  ['DateAnswer', shapes.DateAnswer, 'A date, or a date and time with its UTC offset.'],
  ['Sex', shapes.Sex, undefined],
  ['Comparator', shapes.Comparator, undefined],
  [
    'Coding',
    shapes.Coding,
    'A code of a record’s coded field (a body site, a reason, what a reference range applies to), its system by URI.',
  ],
  [
    'ReferenceRange',
    shapes.ReferenceRange,
    'Reference range of a result; `unit` when it differs from the value’s.',
  ],
  [
    'Measurement',
    shapes.Measurement,
    'One lab or test result: a number with a UCUM unit, or a coded result such as `positive`.',
  ],
  ['ClinicalStatus', shapes.ClinicalStatus, undefined],
  ['VerificationStatus', shapes.VerificationStatus, undefined],
  ['ConditionRecord', shapes.ConditionRecord, 'A diagnosis; status defaults to active and confirmed.'],
  ['Route', shapes.Route, 'A route of administration.'],
  ['DoseQuantity', shapes.DoseQuantity, 'An amount of a drug with its UCUM unit.'],
  [
    'Exposure',
    shapes.Exposure,
    'A period on a medication, with its route and dose when known; no `end` means ongoing.',
  ],
  ['ProcedureRecord', shapes.ProcedureRecord, undefined],
  ['AllergyRecord', shapes.AllergyRecord, undefined],
  ['EncounterClass', shapes.EncounterClass, undefined],
  ['EncounterStatus', shapes.EncounterStatus, undefined],
  [
    'EncounterRecord',
    shapes.EncounterRecord,
    'A stay or visit; no `end` means under way, or for a finished one, ended by the screening date.',
  ],
];

const NAMES = new Map<unknown, string>(SHARED.map(([name, schema]) => [schema, name]));

interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly entries?: Record<string, string | number>;
  readonly values?: readonly unknown[];
  readonly shape?: Record<string, z.ZodType>;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The TypeScript type of what a schema accepts as input (defaulted fields are optional). */
function typeOf(schema: z.ZodType, indent: string, top = false): string {
  const name = top ? undefined : NAMES.get(schema);
  if (name) return name;
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
    case 'number':
    case 'boolean':
      return def.type;
    case 'literal':
      return (def.values ?? []).map((v) => JSON.stringify(v)).join(' | ');
    case 'enum':
      return Object.values(def.entries ?? {})
        .map((v) => JSON.stringify(v))
        .join(' | ');
    case 'optional':
    case 'default':
      return typeOf(def.innerType as z.ZodType, indent);
    case 'nullable':
      return `${typeOf(def.innerType as z.ZodType, indent)} | null`;
    case 'array': {
      const item = typeOf(def.element as z.ZodType, indent);
      return item.includes(' ') ? `(${item})[]` : `${item}[]`;
    }
    case 'union':
      return (def.options ?? []).map((o) => typeOf(o, indent)).join(' | ');
    case 'object':
      return objectBody(def.shape ?? {}, indent);
    default:
      return 'unknown';
  }
}

function objectBody(shape: Record<string, z.ZodType>, indent: string): string {
  const inner = `${indent}  `;
  const lines = Object.entries(shape).map(([key, field]) => {
    const optional = ['optional', 'default'].includes(defOf(field).type);
    return `${inner}${propertyName(key)}${optional ? '?' : ''}: ${typeOf(field, inner)};`;
  });
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function propertyName(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
}

function docComment(text: string | undefined, indent = ''): string {
  return text ? `${indent}/** ${text.replaceAll('*/', '*\\/')} */\n` : '';
}

/** `NCT06469190` stays; `my-trial` becomes `MyTrial`; a leading digit gets a `P`. */
export function typeNameOf(protocolId: string): string {
  const parts = protocolId.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = parts.map((p) => p[0]?.toUpperCase() + p.slice(1)).join('');
  return /^[0-9]/.test(name) || name === '' ? `P${name}` : name;
}

function factType(el: ElementInfo): string {
  switch (el.kind) {
    case 'patient':
      return el.patientField === 'gender' ? 'Sex' : 'PartialDate';
    case 'lab':
    case 'test':
      return 'Measurement | Measurement[]';
    case 'condition':
      return 'boolean | ConditionRecord[]';
    case 'medication':
      return 'boolean | Exposure[]';
    case 'procedure':
      return 'boolean | ProcedureRecord[]';
    case 'allergy':
      return 'boolean | AllergyRecord[]';
    case 'encounter':
      return 'boolean | EncounterRecord[]';
    default:
      return 'never';
  }
}

function answerType(answer: AnswerInfo | undefined): string {
  switch (answer?.type) {
    case undefined:
      return 'boolean | number | string';
    case 'boolean':
      return 'boolean';
    case 'count':
    case 'score':
    case 'number':
      return 'number';
    case 'date':
      return 'DateAnswer';
    case 'code':
      return answer.values?.length ? answer.values.map((v) => JSON.stringify(v)).join(' | ') : 'string';
  }
}

function interfaceOf(name: string, members: readonly [ElementInfo, string][]): string {
  if (members.length === 0) return `export type ${name} = Record<string, never>;\n`;
  const body = members
    .map(([el, type]) => `${docComment(describeElement(el), '  ')}  ${propertyName(el.id)}?: ${type};`)
    .join('\n');
  return `export interface ${name} {\n${body}\n}\n`;
}

/** TypeScript declarations of a protocol's facts, answers and screening input. */
export function emitTypes(info: ProtocolInfo): string {
  const name = typeNameOf(info.id);
  const about = [info.title, info.version === undefined ? undefined : `version ${info.version}`]
    .filter(Boolean)
    .join(', ');
  const out: string[] = [
    `/**\n * Screening input of protocol ${info.id}${about ? ` (${about})` : ''}.\n * Generated from the protocol; do not edit.\n */\n`,
  ];
  for (const [shapeName, schema, doc] of SHARED) {
    const text = doc ?? schema.description;
    const def = defOf(schema);
    out.push(
      def.type === 'object'
        ? `${docComment(text)}export interface ${shapeName} ${typeOf(schema, '', true)}\n`
        : `${docComment(text)}export type ${shapeName} = ${typeOf(schema, '', true)};\n`,
    );
  }
  const facts = info.elements.filter(isFactElement).map((el) => [el, factType(el)] as [ElementInfo, string]);
  const answers = info.elements
    .filter((el) => el.kind === 'question')
    .map((el) => [el, `${answerType(el.answer)} | null`] as [ElementInfo, string]);
  out.push(interfaceOf(`${name}Facts`, facts));
  out.push(interfaceOf(`${name}Answers`, answers));
  out.push(
    `export interface ${name}Input {\n` +
      `  /** The screening date: facts after it are ignored, ages are counted on it. */\n` +
      `  asOf: Day;\n  facts?: ${name}Facts;\n  answers?: ${name}Answers;\n}\n`,
  );
  return out.join('\n');
}
