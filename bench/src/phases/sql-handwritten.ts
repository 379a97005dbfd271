import { dayFromIso, dayKey } from '@eligo/core';
import { unitFactor } from '../engines/shared/units';
import { REPORTED_UNITS } from '../generate';

/**
 * The bench protocol's eleven criteria written by hand in DuckDB SQL over the same input tables the
 * compiled query reads, for the bench generator's data (every result dated to a day, no
 * comparators or coded results): the fastest SQL we could write for the job, the baseline the
 * compiled query is judged against. Statuses are 0 not met, 1 unknown, 2 met; one row per patient
 * with its verdict code (0 ineligible, 1 eligible, 2 undetermined).
 */
export function handwrittenSql(asOfIso: string): string {
  const asOf = dayFromIso(asOfIso);
  const asOfKey = dayKey(asOf);
  const factor = (lab: string, to: string, molarMass?: number) =>
    `CASE unit ${REPORTED_UNITS[lab]!.map((u) => {
      const f = unitFactor(u, to, molarMass);
      return `WHEN '${u}' THEN ${Number.isNaN(f) ? 'NULL' : f}`;
    }).join(' ')} END`;
  const labs = ['wbc', 'neutrophils', 'hemoglobin', 'alt', 'ast', 'bilirubin_total', 'serum_creatinine'];
  // A record's status (closed world): void or future records are not met; `ever` needs confirmed.
  const record = (mode: 'active' | 'suspected' | 'ever') => {
    const confirmed = "verification = 'confirmed'";
    const voided = `verification IN ('refuted', 'entered-in-error') OR start_lo > ${asOf}`;
    const active = "clinical IN ('active', 'recurrence', 'relapse')";
    const body =
      mode === 'ever'
        ? `CASE WHEN ${confirmed} THEN 2 ELSE 1 END`
        : `CASE WHEN NOT (${active}) THEN 0 WHEN ${confirmed}${mode === 'suspected' ? ' OR TRUE' : ''} THEN 2 ELSE 1 END`;
    return `CASE WHEN ${voided} THEN 0 ELSE ${body} END`;
  };
  const ge = (x: string, t: number) => `ROUND(${x}, 9) >= ${t}`;
  const le = (x: string, y: string) => `ROUND(${x}, 9) <= ROUND(${y}, 9)`;
  return `
WITH latest AS (
  SELECT pid, element, value, unit, high, day_lo AS day FROM (
    SELECT pid, element, value, unit, high, day_lo,
      ROW_NUMBER() OVER (PARTITION BY pid, element ORDER BY day_lo DESC, seq DESC) AS rn
    FROM eligo_result WHERE day_lo <= ${asOf} AND element IN (${labs.map((l) => `'${l}'`).join(', ')})
  ) t WHERE rn = 1
),
l AS (
  SELECT pid,
    MAX(CASE WHEN element = 'wbc' THEN value * (${factor('wbc', '10*9/L')}) END) AS wbc,
    MAX(CASE WHEN element = 'wbc' THEN 1 END) AS has_wbc,
    MAX(CASE WHEN element = 'neutrophils' THEN value * (${factor('neutrophils', '10*9/L')}) END) AS anc,
    MAX(CASE WHEN element = 'neutrophils' THEN day END) AS anc_day,
    MAX(CASE WHEN element = 'hemoglobin' THEN value * (${factor('hemoglobin', 'g/L')}) END) AS hb,
    MAX(CASE WHEN element = 'hemoglobin' THEN 1 END) AS has_hb,
    MAX(CASE WHEN element = 'alt' THEN value END) AS alt, MAX(CASE WHEN element = 'alt' THEN high END) AS alt_high,
    MAX(CASE WHEN element = 'alt' THEN 1 END) AS has_alt,
    MAX(CASE WHEN element = 'ast' THEN value END) AS ast, MAX(CASE WHEN element = 'ast' THEN high END) AS ast_high,
    MAX(CASE WHEN element = 'ast' THEN 1 END) AS has_ast,
    MAX(CASE WHEN element = 'bilirubin_total' THEN value END) AS tbil,
    MAX(CASE WHEN element = 'bilirubin_total' THEN high END) AS tbil_high,
    MAX(CASE WHEN element = 'serum_creatinine' THEN value * (${factor('serum_creatinine', 'mg/dL', 113.12)}) END) AS scr,
    MAX(CASE WHEN element = 'serum_creatinine' THEN 1 END) AS has_scr,
    MAX(CASE WHEN element = 'serum_creatinine' THEN day END) AS scr_day
  FROM latest GROUP BY pid
),
r AS (
  SELECT pid,
    MAX(CASE WHEN element = 'gilbert_syndrome' THEN ${record('active')} ELSE 0 END) AS gilbert,
    MAX(CASE WHEN element = 'active_infection' THEN ${record('suspected')} ELSE 0 END) AS infection,
    MAX(CASE WHEN element = 'malignant_neoplasm' THEN ${record('ever')} ELSE 0 END) AS malignancy,
    MAX(CASE WHEN element = 'diabetes' THEN ${record('active')} ELSE 0 END) AS diabetes
  FROM eligo_record WHERE element <> 'colony_stimulating_factor' GROUP BY pid
),
s AS (
  SELECT p.pid,
    CASE WHEN d.pid IS NULL THEN 1 WHEN FLOOR((${asOfKey} - d.key_lo) / 10000) BETWEEN 18 AND 70 THEN 2 ELSE 0 END AS c1,
    CASE WHEN l.has_wbc IS NULL OR l.wbc IS NULL THEN 1 WHEN ${ge('l.wbc', 3)} THEN 2 ELSE 0 END AS c2,
    CASE WHEN l.anc_day IS NULL THEN 1
      WHEN EXISTS (SELECT 1 FROM eligo_record m WHERE m.pid = p.pid AND m.element = 'colony_stimulating_factor'
        AND m.start_lo <= ${asOf} AND m.start_lo <= l.anc_day
        AND LEAST(COALESCE(m.end_lo, ${asOf}), ${asOf}) >= l.anc_day - 14) THEN 0
      WHEN l.anc IS NULL THEN 1 WHEN ${ge('l.anc', 1)} THEN 2 ELSE 0 END AS c3,
    CASE WHEN l.has_hb IS NULL OR l.hb IS NULL THEN 1 WHEN ${ge('l.hb', 60)} THEN 2 ELSE 0 END AS c4,
    CASE WHEN l.has_alt IS NULL OR l.alt_high IS NULL THEN 1 WHEN ${le('l.alt', '3 * l.alt_high')} THEN 2 ELSE 0 END AS c5,
    CASE WHEN l.has_ast IS NULL OR l.ast_high IS NULL THEN 1 WHEN ${le('l.ast', '3 * l.ast_high')} THEN 2 ELSE 0 END AS c6,
    CASE
      WHEN l.tbil_high IS NULL OR l.tbil IS NULL THEN 1
      WHEN COALESCE(r.gilbert, 0) = 2 THEN (CASE WHEN ${le('l.tbil', '3 * l.tbil_high')} THEN 2 ELSE 0 END)
      WHEN COALESCE(r.gilbert, 0) = 0 THEN (CASE WHEN ${le('l.tbil', '1.5 * l.tbil_high')} THEN 2 ELSE 0 END)
      WHEN (${le('l.tbil', '1.5 * l.tbil_high')}) = (${le('l.tbil', '3 * l.tbil_high')}) THEN (CASE WHEN ${le('l.tbil', '1.5 * l.tbil_high')} THEN 2 ELSE 0 END)
      ELSE 1 END AS c7,
    CASE WHEN l.has_scr IS NULL OR l.scr IS NULL OR d.pid IS NULL OR x.code NOT IN ('male', 'female') OR x.code IS NULL THEN 1
      WHEN ${ge(
        `142 * (CASE WHEN l.scr / (CASE WHEN x.code = 'female' THEN 0.7 ELSE 0.9 END) < 1
          THEN POWER(l.scr / (CASE WHEN x.code = 'female' THEN 0.7 ELSE 0.9 END), CASE WHEN x.code = 'female' THEN -0.241 ELSE -0.302 END)
          ELSE POWER(l.scr / (CASE WHEN x.code = 'female' THEN 0.7 ELSE 0.9 END), -1.2) END)
        * POWER(0.9938, FLOOR((YEAR(DATE '1970-01-01' + l.scr_day) * 10000 + MONTH(DATE '1970-01-01' + l.scr_day) * 100 + DAY(DATE '1970-01-01' + l.scr_day) - d.key_lo) / 10000))
        * (CASE WHEN x.code = 'female' THEN 1.012 ELSE 1 END)`,
        45,
      )} THEN 2 ELSE 0 END AS c8,
    COALESCE(r.infection, 0) AS c9, COALESCE(r.malignancy, 0) AS c10, COALESCE(r.diabetes, 0) AS c11
  FROM eligo_patient p
  LEFT JOIN l ON l.pid = p.pid
  LEFT JOIN r ON r.pid = p.pid
  LEFT JOIN eligo_date d ON d.pid = p.pid AND d.element = 'birth_date'
  LEFT JOIN eligo_code x ON x.pid = p.pid AND x.element = 'sex'
)
SELECT pid, CASE
  WHEN LEAST(c1, c2, c3, c4, c5, c6, c7, c8) = 0 OR GREATEST(c9, c10, c11) = 2 THEN 0
  WHEN LEAST(c1, c2, c3, c4, c5, c6, c7, c8) = 2 AND GREATEST(c9, c10, c11) = 0 THEN 1
  ELSE 2 END AS v
FROM s`;
}
