import { readFileSync } from 'node:fs';
import cql from 'cql-execution';
import type { BenchFacts, BenchPatient, Status, Verdict } from '../patient';
import { CRITERIA } from '../patient';
import type { Engine, Screener } from './engine';

/**
 * cql-execution 3.3.2 running hand-written ELM of the same eleven criteria
 * (`cql/subset.elm.json`, built by `cql/build-elm.ts`, which shows the CQL it stands for).
 *
 * The adapter below is the patient source: per patient it turns Eligo facts into records of data
 * types `{urn:eligo:bench}<element id>` with CQL Dates, which the ELM retrieves. Code matching
 * happens where the facts are made (as for every engine here), so retrieves filter by element, not
 * by value set. Everything else (the result in use, unit conversion, ULN, CKD-EPI, ages, the CSF
 * window, three-valued logic) is the ELM's, executed by cql-execution.
 */

const BENCH = '{urn:eligo:bench}';
const LABS = [
  'wbc',
  'neutrophils',
  'hemoglobin',
  'alt',
  'ast',
  'bilirubin_total',
  'serum_creatinine',
] as const;
const CONDITIONS = ['gilbert_syndrome', 'diabetes', 'malignant_neoplasm', 'active_infection'] as const;

const day = (iso: string | undefined) => (iso === undefined ? null : cql.Date.parse(iso));

interface RecordJson {
  [field: string]: unknown;
}

/** A record the ELM reads by property; `get` is the fallback cql-execution uses. */
class Rec {
  constructor(readonly fields: RecordJson) {}
  get(field: string): unknown {
    return this.fields[field] ?? null;
  }
  getId(): unknown {
    return this.fields.id;
  }
  getCode(): null {
    return null;
  }
  getDate(field: string): unknown {
    return this.get(field);
  }
  getDateOrInterval(field: string): unknown {
    return this.get(field);
  }
}

class CqlPatient extends Rec {
  private readonly byType = new Map<string, Rec[]>();
  constructor(patient: BenchPatient) {
    const f: BenchFacts = patient.input.facts;
    super({
      id: String(patient.id),
      asOf: day(patient.input.asOf),
      birthDate: day(f.birth_date),
      gender: f.sex ?? null,
    });
    this.byType.set(`${BENCH}Patient`, [this]);
    for (const lab of LABS) {
      const results = f[lab];
      if (results === undefined) continue;
      this.byType.set(
        `${BENCH}${lab}`,
        results.map(
          (r) =>
            new Rec({
              value: r.value,
              unit: r.unit,
              date: day(r.date),
              high: r.referenceRange?.high ?? null,
            }),
        ),
      );
    }
    for (const c of CONDITIONS) {
      const records = f[c];
      if (records === undefined) continue;
      this.byType.set(
        `${BENCH}${c}`,
        records.map(
          (r) =>
            new Rec({
              code: r.code,
              clinicalStatus: r.clinicalStatus,
              verificationStatus: r.verificationStatus,
              onset: day(r.onset),
              abatement: day(r.abatement),
            }),
        ),
      );
    }
    const csf = f.colony_stimulating_factor;
    if (csf !== undefined) {
      this.byType.set(
        `${BENCH}colony_stimulating_factor`,
        csf.map((e) => new Rec({ code: e.code, start: day(e.start), end: day(e.end) })),
      );
    }
  }
  findRecords(profile: string | null): Rec[] {
    return (profile === null ? undefined : this.byType.get(profile)) ?? [];
  }
}

/** Hands cql-execution one batch of patients, adapting each as it is reached. */
class BatchSource {
  private index = 0;
  private current: CqlPatient | undefined;
  constructor(private readonly batch: readonly BenchPatient[]) {
    this.current = batch.length > 0 ? new CqlPatient(batch[0]!) : undefined;
  }
  currentPatient(): CqlPatient | undefined {
    return this.current;
  }
  nextPatient(): CqlPatient | undefined {
    this.index++;
    const next = this.batch[this.index];
    this.current = next === undefined ? undefined : new CqlPatient(next);
    return this.current;
  }
}

function statusOf(value: unknown): Status {
  return value === true ? 'met' : value === false ? 'not_met' : 'unknown';
}

export const cqlEngine: Engine = {
  name: 'cql-execution',
  description:
    'cql-execution 3.3.2 running hand-written ELM of the same criteria, with a patient-source adapter',
  layout: 'objects',
  async prepare(): Promise<Screener> {
    const elm = JSON.parse(readFileSync(new URL('./cql/subset.elm.json', import.meta.url), 'utf8'));
    const library = new cql.Library(elm);
    const executor = new cql.Executor(library, new cql.CodeService({}));
    const execute = (batch: readonly BenchPatient[]) => {
      const asOf = batch[0]?.input.asOf ?? '1970-01-01';
      return executor.exec(
        new BatchSource(batch) as never,
        cql.DateTime.parse(`${asOf}T00:00:00.000Z`) ?? undefined,
      );
    };
    return {
      async run(batch: readonly BenchPatient[]): Promise<Verdict[]> {
        const results = await execute(batch);
        return batch.map((p) => results.patientResults[String(p.id)]?.Verdict as Verdict);
      },
      async criteria(patient: BenchPatient): Promise<Record<string, Status>> {
        const results = await execute([patient]);
        const r = results.patientResults[String(patient.id)] ?? {};
        return Object.fromEntries(CRITERIA.map((id) => [id, statusOf(r[id])]));
      },
    };
  },
};
