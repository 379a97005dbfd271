// The fuzz campaign over the core pipeline and the FHIR reader: `pnpm fuzz [inputs] [seed]` from
// the repository root (1,000,000 inputs by default; `FUZZ_INPUTS` and `FUZZ_SEED` work too). Prints
// each target's inputs, time and findings with a first example, and exits 1 when anything was found.
import { readFileSync } from 'node:fs';
import { coreTargets } from '../../core/fuzz/targets';
import { fhirTargets } from '../../fhir/fuzz/targets';
import { eligPath, encodedCorpus, workedPatients } from '../src/corpus';
import { runCampaign, type TargetReport } from './campaign';

const total = Number(process.argv[2] ?? process.env.FUZZ_INPUTS ?? 1_000_000);
const seed = Number(process.argv[3] ?? process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const trials = encodedCorpus();
const protocols = Object.fromEntries(trials.map((id) => [id, readFileSync(eligPath(id), 'utf8')]));
const documents = trials.flatMap((trial) =>
  workedPatients(trial).map(({ doc }) => ({ trial, document: doc })),
);

console.log(`fuzz: ${total.toLocaleString('en')} inputs, seed ${seed}`);
const started = performance.now();
const targets = [...coreTargets(Object.values(protocols)), ...fhirTargets(protocols, documents)];
const reports = runCampaign(targets, total, seed, (r: TargetReport) => {
  const seconds = r.milliseconds / 1000;
  console.log(
    `${r.name.padEnd(50)} ${r.inputs.toLocaleString('en').padStart(9)} inputs ${seconds.toFixed(1).padStart(7)} s ${Math.round(
      r.inputs / seconds,
    )
      .toLocaleString('en')
      .padStart(7)}/s  ${r.findings.length} findings`,
  );
  for (const f of r.findings.slice(0, 10)) {
    console.log(`  ${f.count}× ${f.problem}\n    e.g. ${shown(f.example)}`);
  }
});
const inputs = reports.reduce((n, r) => n + r.inputs, 0);
const seconds = (performance.now() - started) / 1000;
const findings = reports.reduce((n, r) => n + r.findings.length, 0);
console.log(
  `total: ${inputs.toLocaleString('en')} inputs in ${seconds.toFixed(1)} s (${Math.round(inputs / seconds).toLocaleString('en')}/s), ${findings} findings`,
);
process.exitCode = findings > 0 ? 1 : 0;

/** An input as a line of the report: JSON where it can be, cut short. */
function shown(value: unknown): string {
  try {
    return JSON.stringify(value).slice(0, 600);
  } catch {
    return String(value).slice(0, 600);
  }
}
