import type {
  AllergyRecord,
  ConditionRecord,
  EncounterRecord,
  Exposure,
  InputWarning,
  Measurement,
  ProcedureRecord,
  ProtocolInfo,
} from '@eligo/core';

export type RecordValue =
  | Measurement
  | ConditionRecord
  | Exposure
  | ProcedureRecord
  | AllergyRecord
  | EncounterRecord;

/** What the readers share while turning one bundle into facts. */
export class Reading {
  readonly warnings: InputWarning[] = [];
  /** Element id → the records read for it, in bundle order. */
  readonly records = new Map<string, RecordValue[]>();
  /** Element id → a single value (patient fields). */
  readonly values = new Map<string, string>();

  constructor(
    readonly info: ProtocolInfo,
    readonly asOf: string,
  ) {}

  add(element: string, record: RecordValue): void {
    const list = this.records.get(element);
    if (list) list.push(record);
    else this.records.set(element, [record]);
  }

  warn(warning: InputWarning): void {
    this.warnings.push(warning);
  }
}

/** The first code of a status concept that is one of `known`, or `undefined` when it has no coding. */
export function statusCode<T extends string>(
  concept: { coding?: { code?: string | undefined }[] | undefined } | undefined,
  known: readonly T[],
): T | 'unrecognised' | undefined {
  const codes = (concept?.coding ?? []).map((c) => c.code).filter((c): c is string => c !== undefined);
  if (codes.length === 0) return undefined;
  return (codes.find((c) => (known as readonly string[]).includes(c)) as T | undefined) ?? 'unrecognised';
}
