/**
 * Conformance cases whose protocols use a construct with no SQL form yet, each with the construct.
 * The SQL conformance test refuses a case missing from this list and one listed that compiles.
 */
export const SQL_GAPS: Readonly<Record<string, string>> = {};
