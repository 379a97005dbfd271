/**
 * Cases of the HL7 suite this implementation does not run, each with the reason. A case is keyed
 * `file.json › title`. Keep it empty where possible: every entry is a gap a user could meet.
 */
export const skips: Readonly<Record<string, string>> = {};
