/**
 * Conformance cases whose protocols use a construct with no SQL form yet, each with the construct.
 * The SQL conformance test refuses a case missing from this list and one listed that compiles.
 */
export const SQL_GAPS: Readonly<Record<string, string>> = {
  '133-who-weight-for-age-z-at-minus-3.json': 'the who_weight_for_age_z calculator',
  '134-who-weight-for-age-z-names-what-it-lacks.json': 'the who_weight_for_age_z calculator',
  '135-who-weight-for-age-z-from-a-partial-birth-date.json': 'the who_weight_for_age_z calculator',
};
