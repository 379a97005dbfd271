import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, protocolToSql, SQL_DIALECTS } from '@eligo/core';
import { encodedCorpus, readProtocolSource } from '@eligo/protocols';
import nodeSqlParser from 'node-sql-parser';
import { describe, expect, it } from 'vitest';

/**
 * Spark SQL and Trino cannot run here, so the queries for them are held to golden files (one
 * fully compiled trial, reviewed when they change: `UPDATE_GOLDEN=1` rewrites them) and every
 * corpus trial's query must parse with a SQL parser that knows the dialect (Spark's through its
 * Hive grammar).
 */
const PARSER: Record<'spark' | 'trino', string> = { spark: 'hive', trino: 'trino' };
const GOLDEN = 'NCT05291234';
const asOf = '2025-06-16';
const units = { mmse: ['{score}'], apoe: [''] };
const parser = new nodeSqlParser.Parser();

describe('SQL dialects', () => {
  for (const dialect of SQL_DIALECTS) {
    it(`${GOLDEN} for ${dialect} is the reviewed query`, () => {
      const { protocol } = compile(readProtocolSource(GOLDEN).text);
      const query = protocolToSql(protocol!, { dialect, asOf, units });
      if (!query.ok) throw new Error(JSON.stringify(query.problems));
      const file = join(import.meta.dirname, `../golden/${GOLDEN}.${dialect}.sql`);
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, `${query.sql}\n`);
      expect(`${query.sql}\n`).toBe(readFileSync(file, 'utf8'));
    });
  }
  for (const id of encodedCorpus()) {
    // DuckDB and PostgreSQL run every query in the conformance, corpus and differential tests.
    it(`${id}: the query parses for Spark and Trino`, () => {
      const { protocol } = compile(readProtocolSource(id).text);
      for (const dialect of ['spark', 'trino'] as const) {
        const query = protocolToSql(protocol!, { dialect, asOf, partial: true });
        if (!query.ok) throw new Error('a partial compile always gives a query');
        expect(
          () => parser.astify(query.sql, { database: PARSER[dialect] }),
          `${id} ${dialect}`,
        ).not.toThrow();
      }
    });
  }
});
