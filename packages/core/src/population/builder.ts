import type { RecordFilter } from '../evaluate/ir';
import { rangeApplies } from '../evaluate/read';
import type { Facts } from '../facts/shapes';
import type { ElementInfo, ProtocolInfo } from '../protocol';
import { parseDate } from '../time/dates';
import { applyConversion, conversionBetween } from '../units/ucum';
import {
  CLINICAL_STATUSES,
  COMPARATORS,
  type CodeColumns,
  CRITICALITIES,
  type DateColumns,
  type ElementColumns,
  ENCOUNTER_CLASSES,
  ENCOUNTER_STATUSES,
  GIVEN,
  NO_DAY,
  NONE_GIVEN,
  NOT_GIVEN,
  type PopulationBatch,
  type RecordColumns,
  type ResultColumns,
  ROUTE_CODES,
  SEVERITIES,
  VERIFICATION_STATUSES,
} from './columns';
import { Growable } from './growable';

/** Something in a patient's facts that the columns cannot hold as given; it is left out. */
export interface PopulationProblem {
  /** Position of the patient in the batch. */
  readonly patient: number;
  readonly path: string;
  readonly message: string;
}

/** A string's index in a small dictionary, added on first sight. */
class Dictionary {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  of(value: string): number {
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.index.set(value, i);
    }
    return i;
  }
}

/** Appends one lab's or test's results, patient after patient. */
export class ResultWriter {
  private readonly offsets = new Growable(Int32Array);
  private readonly value = new Growable(Float64Array);
  private readonly unit = new Growable(Uint16Array);
  private readonly comparator = new Growable(Uint8Array);
  private readonly code = new Growable(Uint16Array);
  private readonly dayLo = new Growable(Int32Array);
  private readonly dayHi = new Growable(Int32Array);
  private readonly low = new Growable(Float64Array);
  private readonly high = new Growable(Float64Array);
  private readonly rangeFor = new Growable(Uint16Array);
  private appliesTo = new Dictionary();
  private units = new Dictionary();
  private codes = new Dictionary();
  private plain = true;

  constructor() {
    this.offsets.push(0);
  }

  /** A numeric result; reference limits in the same unit (NaN when absent), days as NO_DAY when undated. */
  add(
    value: number,
    unit: string,
    dayLo: number,
    dayHi: number,
    low = Number.NaN,
    high = Number.NaN,
    comparator = 0,
    appliesTo: unknown = undefined,
  ): void {
    this.rangeFor.push(appliesTo === undefined ? 0 : 1 + this.appliesTo.of(JSON.stringify(appliesTo)));
    if (comparator !== 0 || dayLo !== dayHi || dayLo === NO_DAY) this.plain = false;
    this.value.push(value);
    this.unit.push(this.units.of(unit));
    this.comparator.push(comparator);
    this.code.push(0);
    this.dayLo.push(dayLo);
    this.dayHi.push(dayHi);
    this.low.push(low);
    this.high.push(high);
  }

  /** A coded result such as `positive`. */
  addCode(code: string, dayLo: number, dayHi: number): void {
    this.plain = false;
    this.value.push(Number.NaN);
    this.unit.push(this.units.of(''));
    this.comparator.push(0);
    this.code.push(1 + this.codes.of(code.toLowerCase()));
    this.rangeFor.push(0);
    this.dayLo.push(dayLo);
    this.dayHi.push(dayHi);
    this.low.push(Number.NaN);
    this.high.push(Number.NaN);
  }

  endPatient(): void {
    this.offsets.push(this.value.length);
  }

  take(): ResultColumns {
    const columns: ResultColumns = {
      kind: 'results',
      offsets: this.offsets.take(),
      value: this.value.take(),
      unit: this.unit.take(),
      units: this.units.values,
      comparator: this.comparator.take(),
      code: this.code.take(),
      codes: this.codes.values,
      dayLo: this.dayLo.take(),
      dayHi: this.dayHi.take(),
      low: this.low.take(),
      high: this.high.take(),
      rangeFor: this.rangeFor.take(),
      appliesTo: this.appliesTo.values,
      plain: this.plain,
    };
    this.appliesTo = new Dictionary();
    this.units = new Dictionary();
    this.codes = new Dictionary();
    this.plain = true;
    this.offsets.push(0);
    return columns;
  }
}

/** What a medication record may say beyond its dates: route, coding and dose (see Exposure). */
export interface ExposureDetails {
  /** Index into ROUTE_CODES (0: not stated). */
  readonly route?: number;
  readonly system?: string;
  readonly code?: string;
  readonly dose?: { readonly value: number; readonly unit: string };
  readonly perDay?: number;
  readonly dailyDose?: { readonly value: number; readonly unit: string };
  /** A procedure's body sites and a medication's reasons, as the facts give them. */
  readonly bodySite?: unknown;
  readonly reason?: unknown;
}

const NO_DETAILS: ExposureDetails = {};

/** Appends one record element's records (conditions, medications, procedures, allergies, encounters). */
export class RecordWriter {
  private readonly offsets = new Growable(Int32Array);
  private readonly given = new Growable(Uint8Array);
  private readonly clinical = new Growable(Uint8Array);
  private readonly verification = new Growable(Uint8Array);
  private readonly startLo = new Growable(Int32Array);
  private readonly startHi = new Growable(Int32Array);
  private readonly endLo = new Growable(Int32Array);
  private readonly endHi = new Growable(Int32Array);
  private readonly criticality = new Growable(Uint8Array);
  private readonly severity = new Growable(Uint8Array);
  private readonly status = new Growable(Uint8Array);
  private readonly encounterClass = new Growable(Uint8Array);
  private readonly unclassified = new Growable(Uint8Array);
  private readonly route = new Growable(Uint8Array);
  private readonly coding = new Growable(Uint16Array);
  private readonly dose = new Growable(Float64Array);
  private readonly perDay = new Growable(Float64Array);
  private readonly dailyDose = new Growable(Float64Array);
  private readonly doseUnit = new Growable(Uint16Array);
  private readonly dailyDoseUnit = new Growable(Uint16Array);
  private readonly detail = new Growable(Uint16Array);
  private details = new Dictionary();
  private codings = new Dictionary();
  private doseUnits = new Dictionary();
  private state = NOT_GIVEN;

  constructor() {
    this.offsets.push(0);
  }

  /**
   * Statuses are indices into CLINICAL_STATUSES / VERIFICATION_STATUSES (0: active, confirmed);
   * an encounter's status and class into ENCOUNTER_STATUSES / ENCOUNTER_CLASSES (0: not stated).
   */
  add(
    clinical: number,
    verification: number,
    startLo: number,
    startHi: number,
    endLo = NO_DAY,
    endHi = NO_DAY,
    criticality = 0,
    severity = 0,
    unclassified = 0,
    status = 0,
    encounterClass = 0,
    exposure: ExposureDetails = NO_DETAILS,
  ): void {
    this.state = GIVEN;
    this.clinical.push(clinical);
    this.verification.push(verification);
    this.startLo.push(startLo);
    this.startHi.push(startHi);
    this.endLo.push(endLo);
    this.endHi.push(endHi);
    this.criticality.push(criticality);
    this.severity.push(severity);
    this.status.push(status);
    this.encounterClass.push(encounterClass);
    this.unclassified.push(unclassified);
    this.route.push(exposure.route ?? 0);
    this.coding.push(
      exposure.code === undefined ? 0 : 1 + this.codings.of(`${exposure.system ?? ''}\u0000${exposure.code}`),
    );
    this.dose.push(exposure.dose?.value ?? Number.NaN);
    this.doseUnit.push(this.doseUnits.of(exposure.dose?.unit ?? ''));
    this.perDay.push(exposure.perDay ?? Number.NaN);
    this.dailyDose.push(exposure.dailyDose?.value ?? Number.NaN);
    this.dailyDoseUnit.push(this.doseUnits.of(exposure.dailyDose?.unit ?? ''));
    const detail = {
      ...(exposure.bodySite !== undefined && { bodySite: exposure.bodySite }),
      ...(exposure.reason !== undefined && { reason: exposure.reason }),
    };
    this.detail.push(Object.keys(detail).length === 0 ? 0 : 1 + this.details.of(JSON.stringify(detail)));
  }

  /** The patient's record of this element is given and holds nothing (`false`, or an empty list). */
  none(): void {
    if (this.state === NOT_GIVEN) this.state = NONE_GIVEN;
  }

  /** Marks the element given even without records (an empty list). */
  markGiven(): void {
    this.state = GIVEN;
  }

  endPatient(): void {
    this.offsets.push(this.clinical.length);
    this.given.push(this.state);
    this.state = NOT_GIVEN;
  }

  take(): RecordColumns {
    const columns: RecordColumns = {
      kind: 'records',
      offsets: this.offsets.take(),
      given: this.given.take(),
      clinical: this.clinical.take(),
      verification: this.verification.take(),
      startLo: this.startLo.take(),
      startHi: this.startHi.take(),
      endLo: this.endLo.take(),
      endHi: this.endHi.take(),
      criticality: this.criticality.take(),
      severity: this.severity.take(),
      status: this.status.take(),
      encounterClass: this.encounterClass.take(),
      unclassified: this.unclassified.take(),
      route: this.route.take(),
      coding: this.coding.take(),
      codings: this.codings.values,
      dose: this.dose.take(),
      perDay: this.perDay.take(),
      dailyDose: this.dailyDose.take(),
      doseUnit: this.doseUnit.take(),
      dailyDoseUnit: this.dailyDoseUnit.take(),
      doseUnits: this.doseUnits.values,
      detail: this.detail.take(),
      details: this.details.values,
    };
    this.details = new Dictionary();
    this.codings = new Dictionary();
    this.doseUnits = new Dictionary();
    this.offsets.push(0);
    return columns;
  }
}

/** One date per patient (NO_DAY when missing). */
export class DateWriter {
  private readonly dayLo = new Growable(Int32Array);
  private readonly dayHi = new Growable(Int32Array);
  private lo = NO_DAY;
  private hi = NO_DAY;

  set(lo: number, hi: number): void {
    this.lo = lo;
    this.hi = hi;
  }

  endPatient(): void {
    this.dayLo.push(this.lo);
    this.dayHi.push(this.hi);
    this.lo = NO_DAY;
    this.hi = NO_DAY;
  }

  take(): DateColumns {
    return { kind: 'date', dayLo: this.dayLo.take(), dayHi: this.dayHi.take() };
  }
}

/** One code per patient (none when missing). */
export class CodeWriter {
  private readonly code = new Growable(Uint16Array);
  private codes = new Dictionary();
  private current = 0;

  set(code: string): void {
    this.current = 1 + this.codes.of(code);
  }

  endPatient(): void {
    this.code.push(this.current);
    this.current = 0;
  }

  take(): CodeColumns {
    const columns: CodeColumns = { kind: 'code', code: this.code.take(), codes: this.codes.values };
    this.codes = new Dictionary();
    return columns;
  }
}

type Writer = ResultWriter | RecordWriter | DateWriter | CodeWriter;

/**
 * Builds a PopulationBatch for one protocol, either from each patient's facts (`add`, the same
 * facts a single screening takes, already validated against the protocol's input schema) or by
 * writing each element's records directly (`results`, `records`, `date`, `code`, then
 * `endPatient`), which spares a generator or a database reader the objects in between.
 */
export class PopulationBuilder {
  private readonly writers = new Map<string, Writer>();
  private readonly elements: readonly ElementInfo[];
  private size = 0;
  readonly problems: PopulationProblem[] = [];

  constructor(
    info: ProtocolInfo,
    private readonly asOf: string,
  ) {
    this.elements = info.elements.filter((el) => el.kind !== 'question' && el.kind !== 'define');
    for (const el of this.elements) this.writers.set(el.id, writerFor(el));
  }

  results(id: string): ResultWriter {
    return this.writer(id, ResultWriter);
  }

  records(id: string): RecordWriter {
    return this.writer(id, RecordWriter);
  }

  date(id: string): DateWriter {
    return this.writer(id, DateWriter);
  }

  code(id: string): CodeWriter {
    return this.writer(id, CodeWriter);
  }

  private writer<W extends Writer>(id: string, kind: new () => W): W {
    const w = this.writers.get(id);
    if (!(w instanceof kind))
      throw new Error(
        `${id}: not an element of this protocol with ${kind.name.replace('Writer', '').toLowerCase()} columns`,
      );
    return w;
  }

  /** Closes the current patient: every element not written for it is missing. */
  endPatient(): void {
    for (const w of this.writers.values()) w.endPatient();
    this.size++;
  }

  /** Adds one patient from the facts a single screening takes. */
  add(facts: Facts): void {
    for (const el of this.elements) {
      const raw = facts[el.id];
      if (raw === undefined || raw === null) continue;
      const w = this.writers.get(el.id)!;
      if (w instanceof ResultWriter) this.addResults(el, w, raw);
      else if (w instanceof RecordWriter) this.addRecords(el, w, raw);
      else if (w instanceof DateWriter) {
        if (typeof raw === 'string') {
          const [lo, hi] = this.days(raw, `facts.${el.id}`);
          w.set(lo, hi);
        }
      } else if (typeof raw === 'string' && raw !== 'unknown') w.set(raw);
    }
    this.endPatient();
  }

  /** The batch so far; the builder starts a new one. */
  build(): PopulationBatch {
    const elements: Record<string, ElementColumns> = {};
    for (const [id, w] of this.writers) elements[id] = w.take();
    const batch: PopulationBatch = { size: this.size, asOf: this.asOf, elements };
    this.size = 0;
    return batch;
  }

  private addResults(el: ElementInfo, w: ResultWriter, raw: unknown): void {
    const list = Array.isArray(raw) ? raw : [raw];
    for (let i = 0; i < list.length; i++) {
      const m = list[i] as Record<string, unknown> | null;
      if (typeof m !== 'object' || m === null) continue;
      const path = Array.isArray(raw) ? `facts.${el.id}.${i}` : `facts.${el.id}`;
      const [lo, hi] = typeof m.date === 'string' ? this.days(m.date, `${path}.date`) : [NO_DAY, NO_DAY];
      if (typeof m.code === 'string') {
        w.addCode(m.code, lo, hi);
        continue;
      }
      const value = typeof m.value === 'number' ? m.value : Number.NaN;
      const unit = typeof m.unit === 'string' ? m.unit : (el.unit ?? '');
      const comparator = Math.max(0, COMPARATORS.indexOf(m.comparator as (typeof COMPARATORS)[number]));
      let low = Number.NaN;
      let high = Number.NaN;
      const range = m.referenceRange as
        | { low?: number; high?: number; unit?: string; appliesTo?: unknown }
        | undefined;
      if (range !== undefined && rangeApplies({ filter: labFilter(el) }, range)) {
        // The columns keep limits in the result's own unit.
        const conversion =
          range.unit === undefined || range.unit === unit
            ? { factor: 1, offset: 0 }
            : conversionBetween(range.unit, unit, el.molarMass);
        if (conversion === undefined) {
          this.problem(
            `${path}.referenceRange.unit`,
            `the unit '${range.unit}' does not convert to '${unit}'; the range is left out`,
          );
        } else {
          if (range.low !== undefined) low = applyConversion(conversion, range.low);
          if (range.high !== undefined) high = applyConversion(conversion, range.high);
        }
      }
      w.add(value, unit, lo, hi, low, high, comparator, range?.appliesTo);
    }
  }

  private addRecords(el: ElementInfo, w: RecordWriter, raw: unknown): void {
    if (raw === false) {
      w.none();
      return;
    }
    if (raw === true) {
      w.add(0, 0, NO_DAY, NO_DAY);
      return;
    }
    if (!Array.isArray(raw)) return;
    w.markGiven();
    for (let i = 0; i < raw.length; i++) {
      const r = raw[i] as
        | (Record<string, string | undefined> & {
            unclassified?: boolean;
            dose?: { value: number; unit: string };
            perDay?: number;
            dailyDose?: { value: number; unit: string };
            bodySite?: unknown;
            reason?: unknown;
          })
        | null;
      if (typeof r !== 'object' || r === null) continue;
      const path = `facts.${el.id}.${i}`;
      const start = r.onset ?? r.start ?? r.date;
      const startField = r.onset !== undefined ? 'onset' : r.start !== undefined ? 'start' : 'date';
      const end = r.abatement ?? r.end;
      const endField = r.abatement !== undefined ? 'abatement' : 'end';
      const [startLo, startHi] =
        start === undefined ? [NO_DAY, NO_DAY] : this.days(start, `${path}.${startField}`);
      const [endLo, endHi] = end === undefined ? [NO_DAY, NO_DAY] : this.days(end, `${path}.${endField}`);
      w.add(
        indexIn(CLINICAL_STATUSES, r.clinicalStatus),
        indexIn(VERIFICATION_STATUSES, r.verificationStatus),
        startLo,
        startHi,
        endLo,
        endHi,
        indexIn(CRITICALITIES, r.criticality),
        indexIn(SEVERITIES, r.severity),
        r.unclassified === true ? 1 : 0,
        // A procedure under way is kept as an encounter's status is.
        indexIn(
          ENCOUNTER_STATUSES,
          (r as { inProgress?: boolean }).inProgress === true ? 'in-progress' : r.status,
        ),
        indexIn(ENCOUNTER_CLASSES, r.class),
        {
          route: indexIn(ROUTE_CODES, r.route),
          system: r.system,
          code: r.code,
          dose: r.dose,
          perDay: r.perDay,
          dailyDose: r.dailyDose,
          bodySite: r.bodySite,
          reason: r.reason,
        },
      );
    }
  }

  private days(text: string, path: string): [number, number] {
    const range = parseDate(text);
    if (range === undefined) {
      this.problem(path, `'${text}' is not a calendar date; it is treated as missing`);
      return [NO_DAY, NO_DAY];
    }
    return [range.earliest, range.latest];
  }

  private problem(path: string, message: string): void {
    this.problems.push({ patient: this.size, path, message });
  }
}

/** A lab's `range for …` as the evaluator holds it. */
function labFilter(el: ElementInfo): RecordFilter | undefined {
  return el.rangeFor === undefined ? undefined : { field: 'appliesTo', ...el.rangeFor };
}

function indexIn(values: readonly string[], value: string | undefined): number {
  return value === undefined ? 0 : Math.max(0, values.indexOf(value));
}

function writerFor(el: ElementInfo): Writer {
  switch (el.kind) {
    case 'lab':
    case 'test':
      return new ResultWriter();
    case 'patient':
      return el.patientField === 'gender' ? new CodeWriter() : new DateWriter();
    default:
      return new RecordWriter();
  }
}
