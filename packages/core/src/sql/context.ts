import type { Element } from '../evaluate/ir';
import type { SqlDialect } from './dialect';
import type { SqlTableNames } from './tables';

/**
 * Truth in SQL is an ordinal that is never NULL: 0 not met, 1 unknown, 2 met. Kleene `and` is
 * then LEAST, `or` GREATEST and `not` 2 − x, with none of the NULL-skipping aggregates
 * (bool_and, min/max over NULL, NOT IN) that break three-valued logic.
 */
/** A construct with no SQL form yet: the criterion that uses it cannot be compiled. */
export class NotCompilable extends Error {}

/** What a compiled query is built from: its CTEs, in order, and the per-patient ones joined per criterion. */
export class SqlContext {
  readonly ctes: { name: string; comment: string[]; body: string | (() => string) }[] = [];
  private readonly names = new Map<string, string>();
  /** The elements each shared reading covers, filled in until the query is written. */
  readonly sharedElements = new Map<string, Set<string>>();

  constructor(
    readonly dialect: SqlDialect,
    readonly tables: SqlTableNames,
    /** The screening date (YYYY-MM-DD), as a day number, and as a calendar key. */
    readonly isoAsOf: string,
    readonly asOf: number,
    readonly asOfKey: number,
    /** Units each element's results are reported in, as found in the data. */
    readonly units: Readonly<Record<string, readonly string[]>>,
  ) {}

  /** A CTE made once per key (one reading of an element is shared by every criterion using it). */
  cte(
    key: string,
    prefix: string,
    make: (name: string) => { comment?: string[]; body: string | (() => string) },
  ): string {
    let name = this.names.get(key);
    if (name === undefined) {
      name = `${prefix}${this.ctes.length + 1}`;
      this.names.set(key, name);
      const { comment = [], body } = make(name);
      this.ctes.push({ name, comment, body });
    }
    return name;
  }

  unitsOf(el: Element): readonly string[] {
    return this.units[el.id] ?? [];
  }
}
