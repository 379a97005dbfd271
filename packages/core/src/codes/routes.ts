/**
 * Routes of administration: the words a protocol writes after `route` and the facts carry on an
 * exposure, each with the SNOMED CT route codes (FHIR `Dosage.route`) read as it. One table for
 * the language, the facts schema, the FHIR reader and docs/language.md.
 *
 * Codes are those of FHIR R4's example value set http://hl7.org/fhir/ValueSet/route-codes
 * (descendants of 284009009 |Route of administration value|), and the UK drug extension's
 * 18679011000001101 |Inhalation|, which UK records use for inhaled medicines. A code not listed
 * here is read as no route stated, so it leaves an answer open rather than deciding it.
 */
export interface RouteEntry {
  /** The word in the language and in the facts: lower case, `_` between words. */
  readonly word: string;
  readonly label: string;
  /** SNOMED CT concept ids read as this route. */
  readonly snomed: readonly string[];
}

export const ROUTES: readonly RouteEntry[] = [
  { word: 'oral', label: 'Oral', snomed: ['26643006'] },
  { word: 'sublingual', label: 'Sublingual', snomed: ['37839007'] },
  { word: 'buccal', label: 'Buccal', snomed: ['54471007'] },
  {
    word: 'enteral_tube',
    label: 'By enteral tube',
    snomed: ['127490009', '127491008', '127492001', '418441008', '418730005', '420218003'],
  },
  { word: 'rectal', label: 'Rectal', snomed: ['37161004'] },
  { word: 'intravenous', label: 'Intravenous', snomed: ['47625008', '418114005', '419993007'] },
  { word: 'intra_arterial', label: 'Intra-arterial', snomed: ['58100008'] },
  { word: 'intramuscular', label: 'Intramuscular', snomed: ['78421000'] },
  { word: 'subcutaneous', label: 'Subcutaneous', snomed: ['34206005'] },
  { word: 'intradermal', label: 'Intradermal', snomed: ['372464004'] },
  { word: 'intraosseous', label: 'Intraosseous', snomed: ['417255000'] },
  { word: 'intrathecal', label: 'Intrathecal', snomed: ['72607000'] },
  { word: 'epidural', label: 'Epidural', snomed: ['404820008'] },
  { word: 'intra_articular', label: 'Intra-articular', snomed: ['12130007'] },
  { word: 'intralesional', label: 'Intralesional', snomed: ['372466002'] },
  { word: 'intravitreal', label: 'Intravitreal', snomed: ['418401004'] },
  { word: 'intravesical', label: 'Intravesical', snomed: ['372471009'] },
  { word: 'intraperitoneal', label: 'Intraperitoneal', snomed: ['38239002'] },
  { word: 'topical', label: 'Topical (on the skin)', snomed: ['6064005', '448598008'] },
  { word: 'transdermal', label: 'Transdermal', snomed: ['45890007'] },
  { word: 'inhalation', label: 'Inhaled', snomed: ['447694001', '447081004', '18679011000001101'] },
  { word: 'nasal', label: 'Nasal', snomed: ['46713006'] },
  { word: 'ophthalmic', label: 'Ophthalmic', snomed: ['54485002'] },
  { word: 'otic', label: 'Otic (in the ear)', snomed: ['10547007'] },
  { word: 'vaginal', label: 'Vaginal', snomed: ['16857009'] },
];

/** Every route word, in the table's order (the facts schema's enumeration). */
export const ROUTE_WORDS = ROUTES.map((r) => r.word) as [string, ...string[]];

const BY_SNOMED = new Map<string, string>(ROUTES.flatMap((r) => r.snomed.map((code) => [code, r.word])));

/** The route word of a SNOMED CT route code; undefined when the table has no word for it. */
export function routeOfSnomed(code: string): string | undefined {
  return BY_SNOMED.get(code.trim());
}

export function isRoute(word: string): boolean {
  return ROUTE_WORDS.includes(word);
}
