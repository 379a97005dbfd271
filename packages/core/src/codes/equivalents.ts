import { CODE_SYSTEMS } from '../protocol';
import { canonicalSystem } from './match';

/**
 * Dose equivalence tables: `steroid daily dose as prednisone` reads each exposure's daily dose
 * as the dose of the table's reference drug with the same effect. A table lists, per drug (by its
 * ATC code), the dose equal to a reference dose of the reference drug; an exposure whose drug the
 * table does not list has no equivalent, so its equivalent is unknown.
 *
 * An entry may hold for some routes only (`routes`): a morphine-equivalents table would give oral
 * and parenteral morphine entries of their own. An exposure by another route, or with no route
 * stated, then has no equivalent from that entry.
 */
export interface EquivalenceEntry {
  /** The drug's ATC code (level 5), upper case. */
  readonly atc: string;
  readonly substance: string;
  /** The dose of this drug, in mg, equivalent to the table's reference dose. */
  readonly dose: number;
  /** The routes the equivalence holds for; absent, every route. */
  readonly routes?: readonly string[];
}

export interface EquivalenceTable {
  /** The words written after `as`: the reference drug. */
  readonly names: readonly string[];
  readonly title: string;
  /** The reference drug's dose, in mg, that each entry's dose equals. */
  readonly referenceDose: number;
  readonly entries: readonly EquivalenceEntry[];
  /** Where the numbers come from. */
  readonly source: string;
}

/**
 * Glucocorticoids by anti-inflammatory (glucocorticoid) potency, oral and intravenous doses, in
 * prednisone (or prednisolone: the two are dosed alike) equivalents. The British National
 * Formulary's equivalent anti-inflammatory doses: prednisolone 5 mg = betamethasone 750 µg =
 * cortisone acetate 25 mg = deflazacort 6 mg = dexamethasone 750 µg = hydrocortisone 20 mg =
 * methylprednisolone 4 mg = triamcinolone 4 mg; prednisone 5 mg = prednisolone 5 mg as in Meikle
 * and Tyler's table. Mineralocorticoid effects and duration of action are not accounted for.
 */
const GLUCOCORTICOIDS: EquivalenceTable = {
  names: ['prednisone', 'prednisolone'],
  title: 'prednisone equivalent (glucocorticoid anti-inflammatory potency)',
  referenceDose: 5,
  entries: [
    { atc: 'H02AB07', substance: 'prednisone', dose: 5 },
    { atc: 'H02AB06', substance: 'prednisolone', dose: 5 },
    { atc: 'H02AB04', substance: 'methylprednisolone', dose: 4 },
    { atc: 'H02AB08', substance: 'triamcinolone', dose: 4 },
    { atc: 'H02AB09', substance: 'hydrocortisone', dose: 20 },
    { atc: 'H02AB10', substance: 'cortisone', dose: 25 },
    { atc: 'H02AB02', substance: 'dexamethasone', dose: 0.75 },
    { atc: 'H02AB01', substance: 'betamethasone', dose: 0.75 },
    { atc: 'H02AB13', substance: 'deflazacort', dose: 6 },
  ],
  source:
    'British National Formulary, Glucocorticoid therapy: equivalent anti-inflammatory doses of corticosteroids ' +
    '(as reproduced in the East Lancashire Medicines Management Board formulary, section 6.3, ' +
    'https://www.elmmb.nhs.uk/elmmb-formulary/joint-medicines-formulary/6/6-3/); prednisone: Meikle AW, ' +
    'Tyler FH. Potency and duration of action of glucocorticoids. Am J Med 1977;63:200-207.',
};

const TABLES: readonly EquivalenceTable[] = [GLUCOCORTICOIDS];

/** Every name a table can be called by, sorted: for messages. */
export const EQUIVALENCE_TABLE_NAMES: readonly string[] = TABLES.flatMap((t) => t.names).sort();

export function equivalenceTable(name: string): EquivalenceTable | undefined {
  return TABLES.find((t) => t.names.includes(name));
}

/**
 * Milligrams of the reference drug per milligram of the exposure's drug; NaN when the table has
 * no entry for it (by that route). A code without a system is taken as ATC: facts written by hand
 * name the drug in the binding's own system, and ATC is the only one the tables use.
 */
export function equivalenceFactor(
  table: EquivalenceTable,
  system: string | undefined,
  code: string | undefined,
  route: string | undefined,
): number {
  if (code === undefined) return Number.NaN;
  if (system !== undefined && canonicalSystem(system) !== CODE_SYSTEMS.atc) return Number.NaN;
  const atc = code.trim().toUpperCase();
  const entry = table.entries.find(
    (e) => e.atc === atc && (e.routes === undefined || (route !== undefined && e.routes.includes(route))),
  );
  return entry === undefined ? Number.NaN : table.referenceDose / entry.dose;
}
