WITH
-- the latest result of each lab surely in place in the window, the later-listed on a tie, and the latest day a result ordered after it may have
l1 AS (
  SELECT * FROM (SELECT p.*, ROW_NUMBER() OVER (PARTITION BY pid, element ORDER BY CASE WHEN place = 1 THEN 0 ELSE 1 END, lo_d DESC, seq DESC) AS rn,
  MAX(CASE WHEN place = 2 OR lo_d <> hi_d THEN hi_d END) OVER (PARTITION BY pid, element ORDER BY CASE WHEN place = 1 THEN 0 ELSE 1 END, lo_d DESC, seq DESC ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS later_open
  FROM (SELECT t.*, CASE WHEN lo_d > 20255 OR hi_d < 20195 THEN 0 WHEN hi_d > 20255 OR lo_d < 20195 THEN 2 ELSE 1 END AS place FROM (SELECT pid, element, seq, value, unit, comparator, code, low, high, COALESCE(day_lo, 20255) AS lo_d, COALESCE(day_hi, 20255) AS hi_d FROM eligo_result WHERE element IN ('mmse_total')) t) p WHERE place <> 0) w WHERE rn = 1
),
-- mmse_total: the result in use, in {score}
r2 AS (
  SELECT b.pid,
    CASE WHEN b.ambiguous = 1 THEN 2 WHEN b.code IS NOT NULL THEN 1 WHEN b.value IS NULL THEN 0 WHEN b.factor IS NULL THEN 3 ELSE 1 END AS state,
    b.code, b.unit, CASE WHEN b.ambiguous = 1 THEN NULL ELSE b.lo_d END AS day_lo, CASE WHEN b.ambiguous = 1 THEN NULL ELSE b.hi_d END AS day_hi,
    CASE WHEN b.comparator IN ('<', '<=') THEN NULL ELSE b.value * b.factor + b.shift END AS lo,
    CASE WHEN b.comparator IN ('>', '>=') THEN NULL ELSE b.value * b.factor + b.shift END AS hi,
    CASE WHEN b.comparator IN ('<', '<=', '>') THEN 1 ELSE 0 END AS lo_open,
    CASE WHEN b.comparator IN ('<', '>=', '>') THEN 1 ELSE 0 END AS hi_open,
    b.low * b.factor + b.shift AS low, b.high * b.factor + b.shift AS high
  FROM (SELECT c.*, (CASE WHEN c.unit IS NULL OR c.unit = '' OR c.unit = '{score}' THEN CAST(1.0 AS DOUBLE) ELSE NULL END) AS factor, (CASE WHEN c.unit IS NULL OR c.unit = '' OR c.unit = '{score}' THEN CAST(0.0 AS DOUBLE) ELSE NULL END) AS shift FROM (
  SELECT z.pid, CASE WHEN z.place <> 1 OR z.later_open >= z.lo_d THEN 1 ELSE 0 END AS ambiguous, CASE WHEN z.place = 1 THEN z.seq END AS seq, CASE WHEN z.place = 1 THEN z.value END AS value, CASE WHEN z.place = 1 THEN z.unit END AS unit, CASE WHEN z.place = 1 THEN z.comparator END AS comparator, CASE WHEN z.place = 1 THEN z.code END AS code, CASE WHEN z.place = 1 THEN z.low END AS low, CASE WHEN z.place = 1 THEN z.high END AS high, CASE WHEN z.place = 1 THEN z.lo_d END AS lo_d, CASE WHEN z.place = 1 THEN z.hi_d END AS hi_d
  FROM (SELECT * FROM l1 WHERE element = 'mmse_total') z) c) b
),
-- the latest result of each lab surely in place, the later-listed on a tie, and the latest day a result ordered after it may have
l3 AS (
  SELECT * FROM (SELECT p.*, ROW_NUMBER() OVER (PARTITION BY pid, element ORDER BY CASE WHEN place = 1 THEN 0 ELSE 1 END, lo_d DESC, seq DESC) AS rn,
  MAX(CASE WHEN place = 2 OR lo_d <> hi_d THEN hi_d END) OVER (PARTITION BY pid, element ORDER BY CASE WHEN place = 1 THEN 0 ELSE 1 END, lo_d DESC, seq DESC ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) AS later_open
  FROM (SELECT t.*, CASE WHEN lo_d > 20255 THEN 0 WHEN hi_d > 20255 THEN 2 ELSE 1 END AS place FROM (SELECT pid, element, seq, value, unit, comparator, code, low, high, COALESCE(day_lo, 20255) AS lo_d, COALESCE(day_hi, 20255) AS hi_d FROM eligo_result WHERE element IN ('amyloid_pet')) t) p WHERE place <> 0) w WHERE rn = 1
),
-- amyloid_pet: the result in use, in its own unit
r4 AS (
  SELECT b.pid,
    CASE WHEN b.ambiguous = 1 THEN 2 WHEN b.code IS NOT NULL THEN 1 WHEN b.value IS NULL THEN 0 WHEN b.factor IS NULL THEN 3 ELSE 1 END AS state,
    b.code, b.unit, CASE WHEN b.ambiguous = 1 THEN NULL ELSE b.lo_d END AS day_lo, CASE WHEN b.ambiguous = 1 THEN NULL ELSE b.hi_d END AS day_hi,
    CASE WHEN b.comparator IN ('<', '<=') THEN NULL ELSE b.value * b.factor + b.shift END AS lo,
    CASE WHEN b.comparator IN ('>', '>=') THEN NULL ELSE b.value * b.factor + b.shift END AS hi,
    CASE WHEN b.comparator IN ('<', '<=', '>') THEN 1 ELSE 0 END AS lo_open,
    CASE WHEN b.comparator IN ('<', '>=', '>') THEN 1 ELSE 0 END AS hi_open,
    b.low * b.factor + b.shift AS low, b.high * b.factor + b.shift AS high
  FROM (SELECT c.*, CAST(1.0 AS DOUBLE) AS factor, CAST(0.0 AS DOUBLE) AS shift FROM (
  SELECT z.pid, CASE WHEN z.place <> 1 OR z.later_open >= z.lo_d THEN 1 ELSE 0 END AS ambiguous, CASE WHEN z.place = 1 THEN z.seq END AS seq, CASE WHEN z.place = 1 THEN z.value END AS value, CASE WHEN z.place = 1 THEN z.unit END AS unit, CASE WHEN z.place = 1 THEN z.comparator END AS comparator, CASE WHEN z.place = 1 THEN z.code END AS code, CASE WHEN z.place = 1 THEN z.low END AS low, CASE WHEN z.place = 1 THEN z.high END AS high, CASE WHEN z.place = 1 THEN z.lo_d END AS lo_d, CASE WHEN z.place = 1 THEN z.hi_d END AS hi_d
  FROM (SELECT * FROM l3 WHERE element = 'amyloid_pet') z) c) b
),
-- brain_mri: whether the input gave it, and whether as none
g5 AS (
  SELECT pid, given FROM eligo_given WHERE element = 'brain_mri'
),
-- brain_mri: records within 60 day(s) before the screening date
k6 AS (
  SELECT pid, MAX(t) AS t_max, MIN(t) AS t_min, COUNT(t) AS counted FROM (SELECT pid, CASE WHEN (CASE verification WHEN 'confirmed' THEN 0 WHEN 'provisional' THEN 1 WHEN 'differential' THEN 1 WHEN 'unconfirmed' THEN 1 WHEN 'refuted' THEN 2 WHEN 'entered-in-error' THEN 2 ELSE 0 END) = 2 OR (start_lo IS NOT NULL AND start_lo > 20255) THEN NULL WHEN end_lo IS NOT NULL OR status = 'in-progress' THEN (CASE WHEN (CASE WHEN (CASE WHEN start_lo IS NULL THEN (CASE WHEN (CASE WHEN status = 'in-progress' THEN NULL ELSE end_lo END) IS NULL THEN 20255 ELSE LEAST((CASE WHEN status = 'in-progress' THEN NULL ELSE end_lo END), 20255) END) ELSE start_hi END) <= 20255 AND (CASE WHEN start_lo IS NULL THEN (CASE WHEN (CASE WHEN status = 'in-progress' THEN NULL ELSE end_lo END) IS NULL THEN 20255 ELSE LEAST((CASE WHEN status = 'in-progress' THEN NULL ELSE end_lo END), 20255) END) ELSE GREATEST((CASE WHEN (CASE WHEN status = 'in-progress' THEN NULL ELSE end_lo END) IS NULL THEN 20255 ELSE LEAST((CASE WHEN status = 'in-progress' THEN NULL ELSE end_lo END), 20255) END), start_lo) END) >= 20195 THEN 2 WHEN (start_lo IS NULL OR start_lo <= 20255) AND ((CASE WHEN status = 'in-progress' THEN NULL ELSE end_lo END) IS NULL OR (CASE WHEN status = 'in-progress' THEN NULL ELSE end_hi END) >= 20195) THEN 1 ELSE 0 END) = 2 AND (unclassified = 1) THEN 1 ELSE (CASE WHEN (CASE WHEN start_lo IS NULL THEN (CASE WHEN (CASE WHEN status = 'in-progress' THEN NULL ELSE end_lo END) IS NULL THEN 20255 ELSE LEAST((CASE WHEN status = 'in-progress' THEN NULL ELSE end_lo END), 20255) END) ELSE start_hi END) <= 20255 AND (CASE WHEN start_lo IS NULL THEN (CASE WHEN (CASE WHEN status = 'in-progress' THEN NULL ELSE end_lo END) IS NULL THEN 20255 ELSE LEAST((CASE WHEN status = 'in-progress' THEN NULL ELSE end_lo END), 20255) END) ELSE GREATEST((CASE WHEN (CASE WHEN status = 'in-progress' THEN NULL ELSE end_lo END) IS NULL THEN 20255 ELSE LEAST((CASE WHEN status = 'in-progress' THEN NULL ELSE end_lo END), 20255) END), start_lo) END) >= 20195 THEN 2 WHEN (start_lo IS NULL OR start_lo <= 20255) AND ((CASE WHEN status = 'in-progress' THEN NULL ELSE end_lo END) IS NULL OR (CASE WHEN status = 'in-progress' THEN NULL ELSE end_hi END) >= 20195) THEN 1 ELSE 0 END) END) ELSE (CASE WHEN (CASE WHEN start_lo IS NULL THEN 1 WHEN start_lo >= 20195 AND start_hi <= 20255 THEN 2 WHEN start_hi >= 20195 AND start_lo <= 20255 THEN 1 ELSE 0 END) = 2 AND ((CASE verification WHEN 'confirmed' THEN 0 WHEN 'provisional' THEN 1 WHEN 'differential' THEN 1 WHEN 'unconfirmed' THEN 1 WHEN 'refuted' THEN 2 WHEN 'entered-in-error' THEN 2 ELSE 0 END) <> 0 OR unclassified = 1) THEN 1 ELSE (CASE WHEN start_lo IS NULL THEN 1 WHEN start_lo >= 20195 AND start_hi <= 20255 THEN 2 WHEN start_hi >= 20195 AND start_lo <= 20255 THEN 1 ELSE 0 END) END) END AS t FROM eligo_record WHERE element = 'brain_mri') x GROUP BY pid
),
-- anticoagulant: whether the input gave it, and whether as none
g7 AS (
  SELECT pid, given FROM eligo_given WHERE element = 'anticoagulant'
),
-- anticoagulant: records within 0 day(s) before the screening date
k8 AS (
  SELECT pid, MAX(t) AS t_max, MIN(t) AS t_min, COUNT(t) AS counted FROM (SELECT pid, CASE WHEN FALSE OR (start_lo IS NOT NULL AND start_lo > 20255) THEN NULL ELSE (CASE WHEN (CASE WHEN (CASE WHEN start_lo IS NULL THEN (CASE WHEN end_lo IS NULL THEN 20255 ELSE LEAST(end_lo, 20255) END) ELSE start_hi END) <= 20255 AND (CASE WHEN start_lo IS NULL THEN (CASE WHEN end_lo IS NULL THEN 20255 ELSE LEAST(end_lo, 20255) END) ELSE GREATEST((CASE WHEN end_lo IS NULL THEN 20255 ELSE LEAST(end_lo, 20255) END), start_lo) END) >= 20255 THEN 2 WHEN (start_lo IS NULL OR start_lo <= 20255) AND (end_lo IS NULL OR end_hi >= 20255) THEN 1 ELSE 0 END) = 2 AND (unclassified = 1) THEN 1 ELSE (CASE WHEN (CASE WHEN start_lo IS NULL THEN (CASE WHEN end_lo IS NULL THEN 20255 ELSE LEAST(end_lo, 20255) END) ELSE start_hi END) <= 20255 AND (CASE WHEN start_lo IS NULL THEN (CASE WHEN end_lo IS NULL THEN 20255 ELSE LEAST(end_lo, 20255) END) ELSE GREATEST((CASE WHEN end_lo IS NULL THEN 20255 ELSE LEAST(end_lo, 20255) END), start_lo) END) >= 20255 THEN 2 WHEN (start_lo IS NULL OR start_lo <= 20255) AND (end_lo IS NULL OR end_hi >= 20255) THEN 1 ELSE 0 END) END) END AS t FROM eligo_record WHERE element = 'anticoagulant') x GROUP BY pid
),
-- bleeding_disorder: condition records, active
k9 AS (
  SELECT pid, MAX(t) AS t_max, MIN(t) AS t_min, COUNT(t) AS counted FROM (SELECT pid, CASE WHEN (CASE verification WHEN 'confirmed' THEN 0 WHEN 'provisional' THEN 1 WHEN 'differential' THEN 1 WHEN 'unconfirmed' THEN 1 WHEN 'refuted' THEN 2 WHEN 'entered-in-error' THEN 2 ELSE 0 END) = 2 OR (start_lo IS NOT NULL AND start_lo > 20255) THEN NULL ELSE (CASE WHEN (CASE WHEN (CASE clinical WHEN 'active' THEN 0 WHEN 'recurrence' THEN 0 WHEN 'relapse' THEN 0 WHEN 'inactive' THEN 1 WHEN 'remission' THEN 1 WHEN 'resolved' THEN 1 ELSE 0 END) <> 0 THEN 0 WHEN (CASE verification WHEN 'confirmed' THEN 0 WHEN 'provisional' THEN 1 WHEN 'differential' THEN 1 WHEN 'unconfirmed' THEN 1 WHEN 'refuted' THEN 2 WHEN 'entered-in-error' THEN 2 ELSE 0 END) = 0 THEN 2 ELSE 1 END) = 2 AND (unclassified = 1 OR (start_lo IS NOT NULL AND start_hi > 20255)) THEN 1 ELSE (CASE WHEN (CASE clinical WHEN 'active' THEN 0 WHEN 'recurrence' THEN 0 WHEN 'relapse' THEN 0 WHEN 'inactive' THEN 1 WHEN 'remission' THEN 1 WHEN 'resolved' THEN 1 ELSE 0 END) <> 0 THEN 0 WHEN (CASE verification WHEN 'confirmed' THEN 0 WHEN 'provisional' THEN 1 WHEN 'differential' THEN 1 WHEN 'unconfirmed' THEN 1 WHEN 'refuted' THEN 2 WHEN 'entered-in-error' THEN 2 ELSE 0 END) = 0 THEN 2 ELSE 1 END) END) END AS t FROM eligo_record WHERE element = 'bleeding_disorder') x GROUP BY pid
),
-- bleeding_disorder: whether the input gave it, and whether as none
g10 AS (
  SELECT pid, given FROM eligo_given WHERE element = 'bleeding_disorder'
),
-- IN-1 NIA-AA 2018 clinical stage 3 or 4 (inclusion)
-- source: Diagnosis of Stage 3 or Stage 4 Alzheimer's disease (AD) based on the 2018 National Institute on Aging (NIA)-Alzheimer's Association (AA) Research Framework Criteria.
c1_s AS (
  SELECT p.pid, LEAST((CASE WHEN 0 <> 1 OR NULL IS NOT NULL THEN 1 ELSE (CASE WHEN (CAST(3.0 AS DOUBLE) <= (CASE WHEN COALESCE(NULL, CAST('-Infinity' AS DOUBLE)) = 0 OR NOT (COALESCE(NULL, CAST('-Infinity' AS DOUBLE)) * 0 = 0) THEN COALESCE(NULL, CAST('-Infinity' AS DOUBLE)) ELSE ROUND(COALESCE(NULL, CAST('-Infinity' AS DOUBLE)), 11 - CAST(FLOOR(LOG10(ABS(COALESCE(NULL, CAST('-Infinity' AS DOUBLE))))) AS INTEGER)) END)) THEN 2 WHEN ((CASE WHEN COALESCE(NULL, CAST('Infinity' AS DOUBLE)) = 0 OR NOT (COALESCE(NULL, CAST('Infinity' AS DOUBLE)) * 0 = 0) THEN COALESCE(NULL, CAST('Infinity' AS DOUBLE)) ELSE ROUND(COALESCE(NULL, CAST('Infinity' AS DOUBLE)), 11 - CAST(FLOOR(LOG10(ABS(COALESCE(NULL, CAST('Infinity' AS DOUBLE))))) AS INTEGER)) END) < CAST(3.0 AS DOUBLE) OR ((CASE WHEN COALESCE(NULL, CAST('Infinity' AS DOUBLE)) = 0 OR NOT (COALESCE(NULL, CAST('Infinity' AS DOUBLE)) * 0 = 0) THEN COALESCE(NULL, CAST('Infinity' AS DOUBLE)) ELSE ROUND(COALESCE(NULL, CAST('Infinity' AS DOUBLE)), 11 - CAST(FLOOR(LOG10(ABS(COALESCE(NULL, CAST('Infinity' AS DOUBLE))))) AS INTEGER)) END) = CAST(3.0 AS DOUBLE) AND (0 = 1 OR 0 = 1))) THEN 0 ELSE 1 END) END), (CASE WHEN 0 <> 1 OR NULL IS NOT NULL THEN 1 ELSE (CASE WHEN ((CASE WHEN COALESCE(NULL, CAST('Infinity' AS DOUBLE)) = 0 OR NOT (COALESCE(NULL, CAST('Infinity' AS DOUBLE)) * 0 = 0) THEN COALESCE(NULL, CAST('Infinity' AS DOUBLE)) ELSE ROUND(COALESCE(NULL, CAST('Infinity' AS DOUBLE)), 11 - CAST(FLOOR(LOG10(ABS(COALESCE(NULL, CAST('Infinity' AS DOUBLE))))) AS INTEGER)) END) <= CAST(4.0 AS DOUBLE)) THEN 2 WHEN (CAST(4.0 AS DOUBLE) < (CASE WHEN COALESCE(NULL, CAST('-Infinity' AS DOUBLE)) = 0 OR NOT (COALESCE(NULL, CAST('-Infinity' AS DOUBLE)) * 0 = 0) THEN COALESCE(NULL, CAST('-Infinity' AS DOUBLE)) ELSE ROUND(COALESCE(NULL, CAST('-Infinity' AS DOUBLE)), 11 - CAST(FLOOR(LOG10(ABS(COALESCE(NULL, CAST('-Infinity' AS DOUBLE))))) AS INTEGER)) END) OR (CAST(4.0 AS DOUBLE) = (CASE WHEN COALESCE(NULL, CAST('-Infinity' AS DOUBLE)) = 0 OR NOT (COALESCE(NULL, CAST('-Infinity' AS DOUBLE)) * 0 = 0) THEN COALESCE(NULL, CAST('-Infinity' AS DOUBLE)) ELSE ROUND(COALESCE(NULL, CAST('-Infinity' AS DOUBLE)), 11 - CAST(FLOOR(LOG10(ABS(COALESCE(NULL, CAST('-Infinity' AS DOUBLE))))) AS INTEGER)) END) AND (0 = 1 OR 0 = 1))) THEN 0 ELSE 1 END) END)) AS s
  FROM eligo_patient p
),
-- IN-2 MMSE 20 to 28 at screening (inclusion)
-- source: Mini-Mental State Examination (MMSE) score of 20 to 28, inclusive, at Screening.
c2_s AS (
  SELECT p.pid, LEAST((CASE WHEN COALESCE(r2.state, 0) <> 1 OR r2.code IS NOT NULL THEN 1 ELSE (CASE WHEN (CAST(20.0 AS DOUBLE) <= (CASE WHEN COALESCE(r2.lo, CAST('-Infinity' AS DOUBLE)) = 0 OR NOT (COALESCE(r2.lo, CAST('-Infinity' AS DOUBLE)) * 0 = 0) THEN COALESCE(r2.lo, CAST('-Infinity' AS DOUBLE)) ELSE ROUND(COALESCE(r2.lo, CAST('-Infinity' AS DOUBLE)), 11 - CAST(FLOOR(LOG10(ABS(COALESCE(r2.lo, CAST('-Infinity' AS DOUBLE))))) AS INTEGER)) END)) THEN 2 WHEN ((CASE WHEN COALESCE(r2.hi, CAST('Infinity' AS DOUBLE)) = 0 OR NOT (COALESCE(r2.hi, CAST('Infinity' AS DOUBLE)) * 0 = 0) THEN COALESCE(r2.hi, CAST('Infinity' AS DOUBLE)) ELSE ROUND(COALESCE(r2.hi, CAST('Infinity' AS DOUBLE)), 11 - CAST(FLOOR(LOG10(ABS(COALESCE(r2.hi, CAST('Infinity' AS DOUBLE))))) AS INTEGER)) END) < CAST(20.0 AS DOUBLE) OR ((CASE WHEN COALESCE(r2.hi, CAST('Infinity' AS DOUBLE)) = 0 OR NOT (COALESCE(r2.hi, CAST('Infinity' AS DOUBLE)) * 0 = 0) THEN COALESCE(r2.hi, CAST('Infinity' AS DOUBLE)) ELSE ROUND(COALESCE(r2.hi, CAST('Infinity' AS DOUBLE)), 11 - CAST(FLOOR(LOG10(ABS(COALESCE(r2.hi, CAST('Infinity' AS DOUBLE))))) AS INTEGER)) END) = CAST(20.0 AS DOUBLE) AND (r2.hi_open = 1 OR 0 = 1))) THEN 0 ELSE 1 END) END), (CASE WHEN COALESCE(r2.state, 0) <> 1 OR r2.code IS NOT NULL THEN 1 ELSE (CASE WHEN ((CASE WHEN COALESCE(r2.hi, CAST('Infinity' AS DOUBLE)) = 0 OR NOT (COALESCE(r2.hi, CAST('Infinity' AS DOUBLE)) * 0 = 0) THEN COALESCE(r2.hi, CAST('Infinity' AS DOUBLE)) ELSE ROUND(COALESCE(r2.hi, CAST('Infinity' AS DOUBLE)), 11 - CAST(FLOOR(LOG10(ABS(COALESCE(r2.hi, CAST('Infinity' AS DOUBLE))))) AS INTEGER)) END) <= CAST(28.0 AS DOUBLE)) THEN 2 WHEN (CAST(28.0 AS DOUBLE) < (CASE WHEN COALESCE(r2.lo, CAST('-Infinity' AS DOUBLE)) = 0 OR NOT (COALESCE(r2.lo, CAST('-Infinity' AS DOUBLE)) * 0 = 0) THEN COALESCE(r2.lo, CAST('-Infinity' AS DOUBLE)) ELSE ROUND(COALESCE(r2.lo, CAST('-Infinity' AS DOUBLE)), 11 - CAST(FLOOR(LOG10(ABS(COALESCE(r2.lo, CAST('-Infinity' AS DOUBLE))))) AS INTEGER)) END) OR (CAST(28.0 AS DOUBLE) = (CASE WHEN COALESCE(r2.lo, CAST('-Infinity' AS DOUBLE)) = 0 OR NOT (COALESCE(r2.lo, CAST('-Infinity' AS DOUBLE)) * 0 = 0) THEN COALESCE(r2.lo, CAST('-Infinity' AS DOUBLE)) ELSE ROUND(COALESCE(r2.lo, CAST('-Infinity' AS DOUBLE)), 11 - CAST(FLOOR(LOG10(ABS(COALESCE(r2.lo, CAST('-Infinity' AS DOUBLE))))) AS INTEGER)) END) AND (0 = 1 OR r2.lo_open = 1))) THEN 0 ELSE 1 END) END)) AS s
  FROM eligo_patient p
  LEFT JOIN r2 ON r2.pid = p.pid
),
-- IN-3 Blood biomarker consistent with amyloid PET positivity, or a centrally read positive amyloid PET (inclusion)
-- source: Blood-based biomarker results with a value consistent with amyloid positron emission tomography (PET) positivity. The biomarker will be chosen by the sponsor and described in the Laboratory Manual. Biomarker results will not be required for eligibility if the participant has a positive Amyloid PET scan meeting the central reader criteria.
c3_s AS (
  SELECT p.pid, GREATEST(1, LEAST((CASE WHEN COALESCE(r4.state, 0) <> 1 THEN 1 WHEN r4.code IS NOT NULL THEN (CASE WHEN NOT (r4.code IN ('positive', 'negative')) THEN 1 WHEN r4.code = 'positive' THEN 2 ELSE 0 END) ELSE 1 END), 1)) AS s
  FROM eligo_patient p
  LEFT JOIN r4 ON r4.pid = p.pid
),
-- IN-4 Amyloid PET consistent with amyloid pathology (inclusion)
-- source: Amyloid PET scan results consistent with amyloid pathology.
c4_s AS (
  SELECT p.pid, (CASE WHEN COALESCE(r4.state, 0) <> 1 THEN 1 WHEN r4.code IS NOT NULL THEN (CASE WHEN NOT (r4.code IN ('positive', 'negative')) THEN 1 WHEN r4.code = 'positive' THEN 2 ELSE 0 END) ELSE 1 END) AS s
  FROM eligo_patient p
  LEFT JOIN r4 ON r4.pid = p.pid
),
-- EX-1.a Other significant pathological finding on the screening MRI (exclusion)
-- source: Significant pathological findings on brain MRI at screening including, but not limited to,
c5_s AS (
  SELECT p.pid, (CASE WHEN (CASE WHEN g5.given IS NULL OR g5.given <> 1 OR COALESCE(k6.counted, 0) = 0 THEN (CASE WHEN g5.given = 2 THEN 0 ELSE 1 END) ELSE (CASE WHEN k6.t_max = 0 THEN 1 ELSE k6.t_max END) END) = 2 THEN 1 ELSE 1 END) AS s
  FROM eligo_patient p
  LEFT JOIN g5 ON g5.pid = p.pid
  LEFT JOIN k6 ON k6.pid = p.pid
),
-- EX-1.b Vasogenic edema on the screening MRI (exclusion)
-- source: evidence of vasogenic edema,
c6_s AS (
  SELECT p.pid, (CASE WHEN (CASE WHEN g5.given IS NULL OR g5.given <> 1 OR COALESCE(k6.counted, 0) = 0 THEN (CASE WHEN g5.given = 2 THEN 0 ELSE 1 END) ELSE (CASE WHEN k6.t_max = 0 THEN 1 ELSE k6.t_max END) END) = 2 THEN 1 ELSE 1 END) AS s
  FROM eligo_patient p
  LEFT JOIN g5 ON g5.pid = p.pid
  LEFT JOIN k6 ON k6.pid = p.pid
),
-- EX-1.c 4 or more microhemorrhages on the screening MRI (exclusion)
-- source: 4 or more microhemorrhages,
c7_s AS (
  SELECT p.pid, (CASE WHEN (CASE WHEN g5.given IS NULL OR g5.given <> 1 OR COALESCE(k6.counted, 0) = 0 THEN (CASE WHEN g5.given = 2 THEN 0 ELSE 1 END) ELSE (CASE WHEN k6.t_max = 0 THEN 1 ELSE k6.t_max END) END) = 2 THEN (CASE WHEN 0 <> 1 OR NULL IS NOT NULL THEN 1 ELSE (CASE WHEN (CAST(4.0 AS DOUBLE) <= (CASE WHEN COALESCE(NULL, CAST('-Infinity' AS DOUBLE)) = 0 OR NOT (COALESCE(NULL, CAST('-Infinity' AS DOUBLE)) * 0 = 0) THEN COALESCE(NULL, CAST('-Infinity' AS DOUBLE)) ELSE ROUND(COALESCE(NULL, CAST('-Infinity' AS DOUBLE)), 11 - CAST(FLOOR(LOG10(ABS(COALESCE(NULL, CAST('-Infinity' AS DOUBLE))))) AS INTEGER)) END)) THEN 2 WHEN ((CASE WHEN COALESCE(NULL, CAST('Infinity' AS DOUBLE)) = 0 OR NOT (COALESCE(NULL, CAST('Infinity' AS DOUBLE)) * 0 = 0) THEN COALESCE(NULL, CAST('Infinity' AS DOUBLE)) ELSE ROUND(COALESCE(NULL, CAST('Infinity' AS DOUBLE)), 11 - CAST(FLOOR(LOG10(ABS(COALESCE(NULL, CAST('Infinity' AS DOUBLE))))) AS INTEGER)) END) < CAST(4.0 AS DOUBLE) OR ((CASE WHEN COALESCE(NULL, CAST('Infinity' AS DOUBLE)) = 0 OR NOT (COALESCE(NULL, CAST('Infinity' AS DOUBLE)) * 0 = 0) THEN COALESCE(NULL, CAST('Infinity' AS DOUBLE)) ELSE ROUND(COALESCE(NULL, CAST('Infinity' AS DOUBLE)), 11 - CAST(FLOOR(LOG10(ABS(COALESCE(NULL, CAST('Infinity' AS DOUBLE))))) AS INTEGER)) END) = CAST(4.0 AS DOUBLE) AND (0 = 1 OR 0 = 1))) THEN 0 ELSE 1 END) END) ELSE 1 END) AS s
  FROM eligo_patient p
  LEFT JOIN g5 ON g5.pid = p.pid
  LEFT JOIN k6 ON k6.pid = p.pid
),
-- EX-1.d Macrohemorrhage on the screening MRI (exclusion)
-- source: any macrohemorrhages,
c8_s AS (
  SELECT p.pid, (CASE WHEN (CASE WHEN g5.given IS NULL OR g5.given <> 1 OR COALESCE(k6.counted, 0) = 0 THEN (CASE WHEN g5.given = 2 THEN 0 ELSE 1 END) ELSE (CASE WHEN k6.t_max = 0 THEN 1 ELSE k6.t_max END) END) = 2 THEN 1 ELSE 1 END) AS s
  FROM eligo_patient p
  LEFT JOIN g5 ON g5.pid = p.pid
  LEFT JOIN k6 ON k6.pid = p.pid
),
-- EX-1.e Superficial siderosis on the screening MRI (exclusion)
-- source: any superficial siderosis,
c9_s AS (
  SELECT p.pid, (CASE WHEN (CASE WHEN g5.given IS NULL OR g5.given <> 1 OR COALESCE(k6.counted, 0) = 0 THEN (CASE WHEN g5.given = 2 THEN 0 ELSE 1 END) ELSE (CASE WHEN k6.t_max = 0 THEN 1 ELSE k6.t_max END) END) = 2 THEN 1 ELSE 1 END) AS s
  FROM eligo_patient p
  LEFT JOIN g5 ON g5.pid = p.pid
  LEFT JOIN k6 ON k6.pid = p.pid
),
-- EX-1.f Severe white matter disease on the screening MRI (exclusion)
-- source: or severe white matter disease.
c10_s AS (
  SELECT p.pid, (CASE WHEN (CASE WHEN g5.given IS NULL OR g5.given <> 1 OR COALESCE(k6.counted, 0) = 0 THEN (CASE WHEN g5.given = 2 THEN 0 ELSE 1 END) ELSE (CASE WHEN k6.t_max = 0 THEN 1 ELSE k6.t_max END) END) = 2 THEN 1 ELSE 1 END) AS s
  FROM eligo_patient p
  LEFT JOIN g5 ON g5.pid = p.pid
  LEFT JOIN k6 ON k6.pid = p.pid
),
-- EX-2.a Anticoagulant taken on the screening date (exclusion)
-- source: Any anticoagulants
c11_s AS (
  SELECT p.pid, (CASE WHEN g7.given IS NULL OR g7.given <> 1 OR COALESCE(k8.counted, 0) = 0 THEN 0 ELSE k8.t_max END) AS s
  FROM eligo_patient p
  LEFT JOIN g7 ON g7.pid = p.pid
  LEFT JOIN k8 ON k8.pid = p.pid
),
-- EX-2.b Bleeding disorder not adequately controlled (exclusion)
-- source: or have a bleeding disorder that is not adequately controlled.
c12_s AS (
  SELECT p.pid, LEAST((CASE WHEN g10.given IS NULL OR g10.given <> 1 OR COALESCE(k9.counted, 0) = 0 THEN 0 ELSE k9.t_max END), (2 - 1)) AS s
  FROM eligo_patient p
  LEFT JOIN k9 ON k9.pid = p.pid
  LEFT JOIN g10 ON g10.pid = p.pid
),
-- B-IN-1 Study partner at least 10 hours per week (inclusion)
-- source: Stage B: Participants must have a study partner who spends a minimum average of 10 hours per week with the participant.
c13_s AS (
  SELECT p.pid, (CASE WHEN 0 <> 1 OR NULL IS NOT NULL THEN 1 ELSE (CASE WHEN (CAST(10.0 AS DOUBLE) <= (CASE WHEN COALESCE(NULL, CAST('-Infinity' AS DOUBLE)) = 0 OR NOT (COALESCE(NULL, CAST('-Infinity' AS DOUBLE)) * 0 = 0) THEN COALESCE(NULL, CAST('-Infinity' AS DOUBLE)) ELSE ROUND(COALESCE(NULL, CAST('-Infinity' AS DOUBLE)), 11 - CAST(FLOOR(LOG10(ABS(COALESCE(NULL, CAST('-Infinity' AS DOUBLE))))) AS INTEGER)) END)) THEN 2 WHEN ((CASE WHEN COALESCE(NULL, CAST('Infinity' AS DOUBLE)) = 0 OR NOT (COALESCE(NULL, CAST('Infinity' AS DOUBLE)) * 0 = 0) THEN COALESCE(NULL, CAST('Infinity' AS DOUBLE)) ELSE ROUND(COALESCE(NULL, CAST('Infinity' AS DOUBLE)), 11 - CAST(FLOOR(LOG10(ABS(COALESCE(NULL, CAST('Infinity' AS DOUBLE))))) AS INTEGER)) END) < CAST(10.0 AS DOUBLE) OR ((CASE WHEN COALESCE(NULL, CAST('Infinity' AS DOUBLE)) = 0 OR NOT (COALESCE(NULL, CAST('Infinity' AS DOUBLE)) * 0 = 0) THEN COALESCE(NULL, CAST('Infinity' AS DOUBLE)) ELSE ROUND(COALESCE(NULL, CAST('Infinity' AS DOUBLE)), 11 - CAST(FLOOR(LOG10(ABS(COALESCE(NULL, CAST('Infinity' AS DOUBLE))))) AS INTEGER)) END) = CAST(10.0 AS DOUBLE) AND (0 = 1 OR 0 = 1))) THEN 0 ELSE 1 END) END) AS s
  FROM eligo_patient p
),
-- one row per patient
screened AS (
  SELECT p.pid, p.ref,
    COALESCE(c1_s.s, 1) AS c1,
    COALESCE(c2_s.s, 1) AS c2,
    COALESCE(c3_s.s, 1) AS c3,
    COALESCE(c4_s.s, 1) AS c4,
    COALESCE(c5_s.s, 1) AS c5,
    COALESCE(c6_s.s, 1) AS c6,
    COALESCE(c7_s.s, 1) AS c7,
    COALESCE(c8_s.s, 1) AS c8,
    COALESCE(c9_s.s, 1) AS c9,
    COALESCE(c10_s.s, 1) AS c10,
    COALESCE(c11_s.s, 1) AS c11,
    COALESCE(c12_s.s, 1) AS c12,
    COALESCE(c13_s.s, 1) AS c13,
    CASE WHEN COALESCE(c1_s.s, 1) = 0 OR COALESCE(c2_s.s, 1) = 0 OR COALESCE(c3_s.s, 1) = 0 OR COALESCE(c4_s.s, 1) = 0 OR COALESCE(c5_s.s, 1) = 2 OR COALESCE(c6_s.s, 1) = 2 OR COALESCE(c7_s.s, 1) = 2 OR COALESCE(c8_s.s, 1) = 2 OR COALESCE(c9_s.s, 1) = 2 OR COALESCE(c10_s.s, 1) = 2 OR COALESCE(c11_s.s, 1) = 2 OR COALESCE(c12_s.s, 1) = 2 THEN 0 WHEN COALESCE(c1_s.s, 1) = 1 OR COALESCE(c2_s.s, 1) = 1 OR COALESCE(c3_s.s, 1) = 1 OR COALESCE(c4_s.s, 1) = 1 OR COALESCE(c5_s.s, 1) = 1 OR COALESCE(c6_s.s, 1) = 1 OR COALESCE(c7_s.s, 1) = 1 OR COALESCE(c8_s.s, 1) = 1 OR COALESCE(c9_s.s, 1) = 1 OR COALESCE(c10_s.s, 1) = 1 OR COALESCE(c11_s.s, 1) = 1 OR COALESCE(c12_s.s, 1) = 1 THEN 2 ELSE 1 END AS v1,
    CASE WHEN COALESCE(c1_s.s, 1) = 0 OR COALESCE(c2_s.s, 1) = 0 OR COALESCE(c3_s.s, 1) = 0 OR COALESCE(c4_s.s, 1) = 0 OR COALESCE(c13_s.s, 1) = 0 OR COALESCE(c5_s.s, 1) = 2 OR COALESCE(c6_s.s, 1) = 2 OR COALESCE(c7_s.s, 1) = 2 OR COALESCE(c8_s.s, 1) = 2 OR COALESCE(c9_s.s, 1) = 2 OR COALESCE(c10_s.s, 1) = 2 OR COALESCE(c11_s.s, 1) = 2 OR COALESCE(c12_s.s, 1) = 2 THEN 0 WHEN COALESCE(c1_s.s, 1) = 1 OR COALESCE(c2_s.s, 1) = 1 OR COALESCE(c3_s.s, 1) = 1 OR COALESCE(c4_s.s, 1) = 1 OR COALESCE(c13_s.s, 1) = 1 OR COALESCE(c5_s.s, 1) = 1 OR COALESCE(c6_s.s, 1) = 1 OR COALESCE(c7_s.s, 1) = 1 OR COALESCE(c8_s.s, 1) = 1 OR COALESCE(c9_s.s, 1) = 1 OR COALESCE(c10_s.s, 1) = 1 OR COALESCE(c11_s.s, 1) = 1 OR COALESCE(c12_s.s, 1) = 1 THEN 2 ELSE 1 END AS v2
  FROM eligo_patient p
  LEFT JOIN c1_s ON c1_s.pid = p.pid
  LEFT JOIN c2_s ON c2_s.pid = p.pid
  LEFT JOIN c3_s ON c3_s.pid = p.pid
  LEFT JOIN c4_s ON c4_s.pid = p.pid
  LEFT JOIN c5_s ON c5_s.pid = p.pid
  LEFT JOIN c6_s ON c6_s.pid = p.pid
  LEFT JOIN c7_s ON c7_s.pid = p.pid
  LEFT JOIN c8_s ON c8_s.pid = p.pid
  LEFT JOIN c9_s ON c9_s.pid = p.pid
  LEFT JOIN c10_s ON c10_s.pid = p.pid
  LEFT JOIN c11_s ON c11_s.pid = p.pid
  LEFT JOIN c12_s ON c12_s.pid = p.pid
  LEFT JOIN c13_s ON c13_s.pid = p.pid
)
SELECT * FROM screened ORDER BY pid
