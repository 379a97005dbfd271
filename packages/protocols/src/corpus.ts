import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Status, Verdict } from '@eligo/core';

/** Every registered trial in this package, in the order they joined the corpus. */
export const CORPUS_IDS = [
  'NCT06469190',
  'NCT05715229',
  'NCT04169737',
  'NCT04847557',
  'NCT03987919',
  'NCT05291234',
  'NCT02894840',
  'NCT05060198',
  'NCT03681457',
] as const;

export type CorpusId = (typeof CORPUS_IDS)[number];

/** What a careful reader of the registry text concludes for one worked patient. */
export interface ExpectedScreening {
  summary: string;
  cohorts: Record<string, Verdict>;
  criteria: Record<string, Status>;
}

export function protocolDir(id: CorpusId): string {
  return fileURLToPath(new URL(`../${id}/`, import.meta.url));
}

export function eligPath(id: CorpusId): string {
  return `${protocolDir(id)}${id}.elig`;
}

/** The corpus trials whose encoding exists (a trial joins with its data first, its `.elig` after). */
export function encodedCorpus(): CorpusId[] {
  return CORPUS_IDS.filter((id) => existsSync(eligPath(id)));
}

/** A trial's worked patients with their expected screenings, by file name; empty without expected.json. */
export function workedPatients(id: CorpusId): { file: string; doc: unknown; expected: ExpectedScreening }[] {
  const dir = `${protocolDir(id)}examples/`;
  const expectedPath = `${dir}expected.json`;
  if (!existsSync(expectedPath)) return [];
  const expected = JSON.parse(readFileSync(expectedPath, 'utf8')) as Record<string, ExpectedScreening>;
  const files = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'expected.json');
  const missing = files.filter((f) => !(f in expected));
  if (missing.length > 0) throw new Error(`${id}: no expected screening for ${missing.join(', ')}`);
  return Object.keys(expected).map((file) => ({
    file,
    doc: JSON.parse(readFileSync(`${dir}${file}`, 'utf8')) as unknown,
    expected: expected[file]!,
  }));
}

/** The criteria of criteria.md's tables (`| id | text |`), with footnote markers removed. */
export function listedCriteria(id: CorpusId): { id: string; text: string }[] {
  const md = readFileSync(`${protocolDir(id)}criteria.md`, 'utf8');
  return [...md.matchAll(/^\| ([A-Za-z0-9]+(?:-[A-Za-z0-9.]+)+) \| (.*) \|$/gm)].map((m) => ({
    id: m[1]!,
    text: m[2]!.replace(/\[\^[A-Za-z0-9_-]+\]/g, '').trim(),
  }));
}

export type Coverage = 'records' | 'question' | 'records and question' | 'partial';

/** README's `## Coverage` table: each leaf criterion, where its answer comes from, and how or why. */
export function coverageTable(id: CorpusId): { id: string; from: Coverage; note: string }[] {
  const md = readFileSync(`${protocolDir(id)}README.md`, 'utf8');
  const section = md.split(/^## Coverage\s*$/m)[1]?.split(/^## /m)[0];
  if (section === undefined) return [];
  return [...section.matchAll(/^\| ([A-Za-z0-9]+(?:-[A-Za-z0-9.]+)+) \| ([a-z ]+) \| (.*) \|$/gm)].map(
    (m) => ({
      id: m[1]!,
      from: m[2]!.trim() as Coverage,
      note: m[3]!.trim(),
    }),
  );
}
