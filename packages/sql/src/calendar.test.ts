import { addMonths, addMonthsSql, dayFromIso } from '@eligo/core';
import { describe, expect, it } from 'vitest';
import { duckDbEngine, postgresEngine, postgresReachable, type SqlEngine } from './engines/engine';

/**
 * Calendar months moved per patient in SQL (windows of months before a date read per patient)
 * give the day time/dates.ts addMonths gives, month ends included: every day of 2023 to 2025
 * (a leap February among them), moved by months either way.
 */
const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const ENGINES: [string, () => Promise<SqlEngine | undefined>][] = [
  ['DuckDB', () => duckDbEngine()],
  [
    'PostgreSQL',
    async () =>
      (await postgresReachable(PG_URL)) ? postgresEngine(PG_URL, 'eligo_sql_calendar') : undefined,
  ],
];
const FIRST = dayFromIso('2023-01-01');
const LAST = dayFromIso('2025-12-31');
const MONTHS = [-1, -3, -6, -11, -12, -13, -24, 1, 12];

describe('calendar months in SQL', () => {
  for (const [name, open] of ENGINES)
    it(`moves every day of three years by months as addMonths does (${name})`, async () => {
      const engine = await open();
      if (engine === undefined) {
        console.info(`${name}: not reachable, skipped`);
        return;
      }
      try {
        const days =
          engine.dialect === 'postgres'
            ? `generate_series(${FIRST}, ${LAST}) AS r(d)`
            : `range(${FIRST}, ${LAST + 1}) AS r(d)`;
        const columns = MONTHS.map((n, i) => `${addMonthsSql(engine.dialect, 'd', n)} AS m${i}`).join(', ');
        const rows = await engine.rows(`SELECT CAST(d AS INTEGER) AS d, ${columns} FROM ${days} ORDER BY d`);
        expect(rows.length).toBe(LAST - FIRST + 1);
        let differing = 0;
        for (const row of rows)
          MONTHS.forEach((n, i) => {
            if (Number(row[`m${i}`]) !== addMonths(Number(row.d), n)) differing++;
          });
        expect(differing).toBe(0);
        // The month ends are where engines could differ: 31 March back one month is 29 February 2024.
        const march = rows.find((r) => Number(r.d) === dayFromIso('2024-03-31'))!;
        expect(Number(march.m0)).toBe(dayFromIso('2024-02-29'));
      } finally {
        await engine.close();
      }
    }, 60_000);
});
