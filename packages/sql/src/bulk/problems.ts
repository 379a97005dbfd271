/**
 * Every problem a bulk export load reports, one factory per kind, so that the messages are
 * written once and tests can pin them. A problem names the file (relative to the export folder)
 * and the 1-based line; line 0 means the file as a whole.
 */
export interface LoadProblem {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

export const problems = {
  malformedJson: (file: string, line: number, detail: string): LoadProblem => ({
    file,
    line,
    message: `not valid JSON: ${detail}`,
  }),
  notAnObject: (file: string, line: number, found: string): LoadProblem => ({
    file,
    line,
    message: `a JSON ${found}, not a resource object`,
  }),
  noResourceType: (file: string, line: number): LoadProblem => ({
    file,
    line,
    message: 'an object without a string resourceType, not a FHIR resource',
  }),
  byteOrderMark: (file: string): LoadProblem => ({
    file,
    line: 1,
    message:
      'starts with a byte order mark, which DuckDB cannot read: the line is not loaded (remove the mark)',
  }),
  unlocatedRows: (file: string, count: number): LoadProblem => ({
    file,
    line: 0,
    message: `${count} unreadable line${count === 1 ? '' : 's'} that the line scan could not locate`,
  }),
  manifestUnreadable: (detail: string): LoadProblem => ({
    file: 'manifest.json',
    line: 0,
    message: `manifest not read: ${detail}`,
  }),
  manifestFileMissing: (url: string, file: string): LoadProblem => ({
    file,
    line: 0,
    message: `listed in manifest.json (${url}) but not in the export folder`,
  }),
} as const;
