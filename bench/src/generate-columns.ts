import {
  CLINICAL_STATUSES,
  type CodeWriter,
  type DateWriter,
  dayFromIso,
  type PopulationBatch,
  PopulationBuilder,
  type ProtocolInfo,
  type RecordWriter,
  type ResultWriter,
  VERIFICATION_STATUSES,
} from '@eligo/core';
import type { PatientGenerator, PatientSink } from './generate';
import type { ConditionEntry } from './patient';

/**
 * The synthetic patients laid out in columns, as a warehouse export would give them, written
 * straight from the generator: no facts objects in between.
 */
export class ColumnSink implements PatientSink {
  private readonly builder: PopulationBuilder;
  private readonly asOf: number;
  private readonly birthDate: DateWriter;
  private readonly sexCode: CodeWriter;
  private readonly labs: Record<string, ResultWriter>;
  private readonly conditions: Record<string, RecordWriter>;
  private readonly csf: RecordWriter;

  constructor(info: ProtocolInfo, asOf: string) {
    this.builder = new PopulationBuilder(info, asOf);
    this.asOf = dayFromIso(asOf);
    this.birthDate = this.builder.date('birth_date');
    this.sexCode = this.builder.code('sex');
    const labs = ['wbc', 'neutrophils', 'hemoglobin', 'alt', 'ast', 'bilirubin_total', 'serum_creatinine'];
    this.labs = Object.fromEntries(labs.map((id) => [id, this.builder.results(id)]));
    const conditions = ['gilbert_syndrome', 'diabetes', 'malignant_neoplasm', 'active_infection'];
    this.conditions = Object.fromEntries(conditions.map((id) => [id, this.builder.records(id)]));
    this.csf = this.builder.records('colony_stimulating_factor');
  }

  birth(daysBefore: number): void {
    const day = this.asOf - daysBefore;
    this.birthDate.set(day, day);
  }

  sex(sex: 'female' | 'male' | 'other'): void {
    this.sexCode.set(sex);
  }

  result(lab: string, value: number, unit: string, daysBefore: number, low: number, high: number): void {
    const day = this.asOf - daysBefore;
    this.labs[lab]!.add(value, unit, day, day, low, high);
  }

  condition(
    kind: string,
    _code: string,
    clinical: ConditionEntry['clinicalStatus'],
    verification: ConditionEntry['verificationStatus'],
    onsetDaysBefore: number,
    abatementDaysBefore: number | undefined,
  ): void {
    const onset = this.asOf - onsetDaysBefore;
    const abatement = abatementDaysBefore === undefined ? undefined : this.asOf - abatementDaysBefore;
    this.conditions[kind]!.add(
      CLINICAL_STATUSES.indexOf(clinical),
      VERIFICATION_STATUSES.indexOf(verification),
      onset,
      onset,
      abatement,
      abatement,
    );
  }

  exposure(_code: string, startDaysBefore: number, endDaysBefore: number | undefined): void {
    const start = this.asOf - startDaysBefore;
    const end = endDaysBefore === undefined ? undefined : this.asOf - endDaysBefore;
    this.csf.add(0, 0, start, start, end, end);
  }

  endPatient(): void {
    this.builder.endPatient();
  }

  /** The patients written since the last call, as one batch. */
  take(): PopulationBatch {
    return this.builder.build();
  }
}

/** The next `n` patients of a generator as one column batch. */
export function columnChunk(generator: PatientGenerator, sink: ColumnSink, n: number): PopulationBatch {
  generator.into(sink, n);
  return sink.take();
}
