/**
 * A small protocol for route tests that publish many versions: it compiles in a few
 * milliseconds, where the bundled trial takes much longer. Revision n declares version n + 1, the
 * number it gets when its revisions are published in order; `version: null` leaves the line out.
 */
export function small(id: string, revision = 0, version: string | null = String(revision + 1)): string {
  const text = `trial ${id} "A small test trial"
${version === null ? '' : `version "${version}"`}

patient birth_date "Date of birth" from birthDate
define age_years "Age in completed years" = age(birth_date)
lab wbc "White blood cell count" in 10*9/L from loinc 6690-2
question consent "Has the patient signed the informed consent?": yes/no

inclusion
  IN-1 "Adult"
    source "Age ≥ 18 years"
    met if age_years >= 18
  IN-2 "Consent"
    source "Signed informed consent"
    met if consent

cohort A "Cohort A"
  inclusion
    A-IN-1 "WBC at least 3"
      source "White blood cell count ≥ 3 x 10^9/L"
      met if wbc >= 3 10*9/L
`;
  return revision === 0 ? text : `${text}\n# revision ${revision}\n`;
}
