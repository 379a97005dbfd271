import { readFileSync } from 'node:fs';
import { compactScreening, compile, screen } from '@eligo/core';
import { readDocument } from '@eligo/fhir';
import { bundledProtocols } from '@eligo/protocols';
import { syntheticDocuments } from './fixtures/bundles';

const protocol = compile(readFileSync(bundledProtocols.NCT06469190!, 'utf8')).protocol!;
const lines = [...syntheticDocuments(3000, 1)].map((d) => JSON.stringify(d));
const t = (name: string, f: () => void) => {
  for (let r = 0; r < 2; r++) {
    const s = performance.now();
    f();
    if (r) console.log(name, (((performance.now() - s) / lines.length) * 1000).toFixed(1), 'us/patient');
  }
};
const docs = lines.map((l) => JSON.parse(l));
const inputs = docs.map((d) => {
  const r = readDocument(protocol, d);
  if (!r.ok) throw new Error('x');
  return r.input;
});
t('parse', () => {
  for (const l of lines) JSON.parse(l);
});
t('readDocument', () => {
  for (const d of docs) readDocument(protocol, d);
});
t('evaluate', () => {
  for (const i of inputs) protocol.evaluate(i);
});
t('screen untraced', () => {
  for (const i of inputs) screen(protocol, i, { trace: false });
});
const screenings = inputs.map((i) => screen(protocol, i, { trace: false }));
t('compact', () => {
  for (const s of screenings) compactScreening(s);
});
const compacts = screenings.map(compactScreening);
t('stringify compact', () => {
  for (const s of compacts) JSON.stringify(s);
});
