import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type * as Ast from './ast';
import { check } from './check/check';
import { codeFilterInfo, patternInfo } from './codes/filter';
import { type Diagnostic, hasErrors, type LocatedDiagnostic, locate } from './diagnostics/diagnostic';
import type { Bool, Element } from './evaluate/ir';
import { DIMENSIONLESS, lowering, molarMassInGPerMol } from './evaluate/lower';
import type { ScreeningInput } from './facts/shapes';
import { type FastResult, fastPath } from './fast/verdicts';
import { parse } from './parse';
import type { PopulationBatch } from './population/columns';
import { type PopulationVerdicts, populationPath } from './population/screen';
import {
  CODE_SYSTEMS,
  type CodeBindingInfo,
  type CohortInfo,
  type CriterionInfo,
  type ElementInfo,
  type ProtocolInfo,
  type ValueCodeInfo,
} from './protocol';
import type { Verdict } from './screen/types';
import { type Source, toSource } from './source';

/** One criterion as compiled: its public description and its rule (none for a heading). */
export interface CompiledCriterion {
  readonly info: CriterionInfo;
  readonly rule: Bool | undefined;
  /** Position in `criteria`, shared by every cohort the criterion applies to. */
  readonly index: number;
}

export interface CompiledCohort {
  readonly info: CohortInfo;
  /** Indices into `criteria`, in the cohort's order. */
  readonly members: readonly number[];
  /** For each member that is a heading, the members it is decided by (same list kind, id prefix). */
  readonly subCriteria: ReadonlyMap<number, readonly number[]>;
}

/** A compiled protocol: its description for frontends, and evaluators for both screening paths. */
export interface CompiledProtocol {
  readonly info: ProtocolInfo;
  readonly ast: Ast.Protocol;
  readonly source: Source;
  readonly elements: readonly Element[];
  readonly criteria: readonly CompiledCriterion[];
  readonly cohorts: readonly CompiledCohort[];
  /** One verdict per cohort, in `info.cohorts` order, without explanations: the batch path. */
  verdicts(input: ScreeningInput): Verdict[];
  /**
   * Verdicts plus each criterion's status code (0 not met, 1 met, 2 unknown, indexed like
   * `criteria`) for attrition funnels. The arrays are reused by the next call.
   */
  evaluate(input: ScreeningInput): FastResult;
  /**
   * Verdicts for a batch of patients laid out in columns (see `PopulationBuilder`): the
   * feasibility path. Statuses per criterion on request, for attrition funnels.
   */
  population(batch: PopulationBatch, options?: { statuses?: boolean }): PopulationVerdicts;
}

/** `ok` exactly when there is a protocol, which is exactly when there is no error. */
export type CompileResult =
  | { readonly ok: true; readonly protocol: CompiledProtocol; readonly diagnostics: LocatedDiagnostic[] }
  | { readonly ok: false; readonly protocol: undefined; readonly diagnostics: LocatedDiagnostic[] };

/**
 * Parses, checks and compiles criteria text. Never throws: problems come back as diagnostics, and
 * a text with errors yields no protocol.
 */
export function compile(input: string | Source, options: { name?: string } = {}): CompileResult {
  const source = toSource(input, options.name);
  try {
    return compileSource(source);
  } catch (error) {
    // A defect in a phase must not take the caller down; report it as a diagnostic instead.
    const diagnostic: Diagnostic = {
      code: 'E0900',
      severity: 'error',
      message: `internal error while compiling: ${(error as Error).message}`,
      span: undefined,
    };
    return { ok: false, protocol: undefined, diagnostics: [locate(diagnostic, source)] };
  }
}

function compileSource(source: Source): CompileResult {
  const parsed = parse(source);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const ast = parsed.ast;
  if (!ast || hasErrors(diagnostics)) return done(undefined, diagnostics, source);
  diagnostics.push(...check(ast, source).diagnostics);
  if (hasErrors(diagnostics)) return done(undefined, diagnostics, source);

  const lower = lowering(ast);
  const criteria: CompiledCriterion[] = [];
  const byNode = new Map<Ast.Criterion, CompiledCriterion>();
  // The names each rule refers to, through defines: its elements, and the defines it uses.
  const namesOf = new Map<CompiledCriterion, ReadonlySet<string>>();
  const compileCriterion = (c: Ast.Criterion, kind: 'inclusion' | 'exclusion'): CompiledCriterion => {
    let compiled = byNode.get(c);
    if (!compiled) {
      const names = c.rule ? lower.namesIn(c.rule) : new Set<string>();
      const info: CriterionInfo = {
        id: c.id.value,
        kind,
        title: c.title,
        source: c.source,
        heading: c.rule === null,
        elements: lower.elementIdsIn(names),
      };
      compiled = { info, rule: c.rule ? lower.lowerRule(c.rule) : undefined, index: criteria.length };
      criteria.push(compiled);
      byNode.set(c, compiled);
      namesOf.set(compiled, names);
    }
    return compiled;
  };
  const listed = (sections: readonly Ast.Section[], list: 'inclusion' | 'exclusion') =>
    sections.filter((s) => s.list === list).flatMap((s) => s.criteria.map((c) => compileCriterion(c, list)));

  const cohortAsts: { id: string; label: string | undefined; sections: readonly Ast.Section[] }[] =
    ast.cohorts.length > 0
      ? ast.cohorts.map((c) => ({ id: c.id.value, label: c.label, sections: c.sections }))
      : [{ id: ast.id.value, label: ast.title, sections: [] }];
  const cohorts: CompiledCohort[] = cohortAsts.map((c) => {
    // In this order, so that the criteria are numbered as first seen across the cohorts.
    const members = [
      ...listed(ast.sections, 'inclusion'),
      ...listed(c.sections, 'inclusion'),
      ...listed(ast.sections, 'exclusion'),
      ...listed(c.sections, 'exclusion'),
    ];
    const subCriteria = new Map<number, number[]>();
    for (const m of members) {
      if (!m.info.heading) continue;
      const prefix = `${m.info.id}.`;
      subCriteria.set(
        m.index,
        members
          .filter((s) => !s.info.heading && s.info.kind === m.info.kind && s.info.id.startsWith(prefix))
          .map((s) => s.index),
      );
    }
    return {
      info: { id: c.id, label: c.label, criteria: members.map((m) => m.info) },
      members: members.map((m) => m.index),
      subCriteria,
    };
  });

  const info: ProtocolInfo = {
    id: ast.id.value,
    title: ast.title,
    version: ast.version,
    screeningPeriod: ast.screeningPeriod && {
      amount: ast.screeningPeriod.amount,
      unit: ast.screeningPeriod.unit,
    },
    // A byte order mark is not part of the text: saved with one or without, it is the same protocol.
    hash: hashOf(source.body.replace(/^\ufeff/, '')),
    complete: ast.complete,
    elements: elementInfos(ast, lower.elements, criteria, (c) => namesOf.get(c)),
    cohorts: cohorts.map((c) => c.info),
  };
  diagnostics.push(...lower.diagnostics);
  if (hasErrors(diagnostics)) return done(undefined, diagnostics, source);

  const fast = fastPath(criteria, cohorts);
  const protocol: CompiledProtocol = {
    info,
    ast,
    source,
    elements: lower.elements,
    criteria,
    cohorts,
    verdicts: (input) => fast(input).verdicts.slice(),
    evaluate: fast,
    population: populationPath(criteria, cohorts),
  };
  return done(protocol, diagnostics, source);
}

function done(
  protocol: CompiledProtocol | undefined,
  diagnostics: Diagnostic[],
  source: Source,
): CompileResult {
  const located = diagnostics.map((d) => locate(d, source));
  return protocol && !hasErrors(located)
    ? { ok: true, protocol, diagnostics: located }
    : { ok: false, protocol: undefined, diagnostics: located };
}

/** SHA-256 of the source text, hex: the same text always has the same hash, in a browser too. */
export function hashOf(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

function elementInfos(
  ast: Ast.Protocol,
  elements: readonly Element[],
  criteria: readonly CompiledCriterion[],
  namesOf: (c: CompiledCriterion) => ReadonlySet<string> | undefined,
): ElementInfo[] {
  // An element or a define: the criteria whose rules refer to it, directly or through defines.
  const usedBy = (id: string) => criteria.filter((c) => namesOf(c)?.has(id)).map((c) => c.info.id);
  const infos: ElementInfo[] = [];
  const seen = new Set<string>();
  for (const d of ast.declarations) {
    const id = d.name.value;
    if (seen.has(id)) continue;
    seen.add(id);
    if (d.kind === 'DefineDecl') {
      infos.push({ id, label: d.label ?? id, kind: 'define', closedWorld: false, usedBy: usedBy(id) });
      continue;
    }
    const el = elements.find((e) => e.id === id)!;
    const base = {
      id,
      label: d.label,
      ...(d.lay ? { lay: d.lay.text } : {}),
      kind: el.kind,
      closedWorld: el.closedWorld,
      usedBy: usedBy(id),
    };
    switch (d.kind) {
      case 'PatientDecl':
        infos.push({
          ...base,
          patientField: d.field,
          ...(d.field === 'gender' ? { values: ['male', 'female', 'other', 'unknown'] } : {}),
        });
        break;
      case 'LabDecl':
        infos.push({
          ...base,
          unit: d.unit.code,
          ...(d.molarMass ? { molarMass: molarMassInGPerMol(d.molarMass) } : {}),
          ...(d.valueCodes?.length ? { valueCodes: valueCodesInfo(d.valueCodes) } : {}),
          ...(d.rangeFor ? { rangeFor: codeFilterInfo(d.rangeFor) } : {}),
          binding: bindingInfo(d.binding),
          ...(d.method ? { method: bindingInfo(d.method) } : {}),
        });
        break;
      case 'TestDecl':
        infos.push({
          ...base,
          values: d.values?.map((v) => v.value) ?? ['positive', 'negative'],
          ...(d.valueCodes?.length ? { valueCodes: valueCodesInfo(d.valueCodes) } : {}),
          binding: bindingInfo(d.binding),
          ...(d.method ? { method: bindingInfo(d.method) } : {}),
        });
        break;
      case 'RecordDecl':
        infos.push({
          ...base,
          binding: bindingInfo(d.binding),
          ...(d.record === 'encounter' && d.classes ? { classes: d.classes.map((c) => c.value) } : {}),
          ...(d.record === 'medication' && d.routes ? { routes: d.routes.map((r) => r.value) } : {}),
          ...(d.record === 'procedure' && d.sites ? { sites: codeFilterInfo(d.sites) } : {}),
          ...(d.record === 'medication' && d.reasons ? { reasons: codeFilterInfo(d.reasons) } : {}),
        });
        break;
      case 'QuestionDecl':
        infos.push({
          ...base,
          answer: el.answer,
          ...(d.answer.type === 'number' ? { unit: d.answer.unit?.code ?? DIMENSIONLESS } : {}),
          ...(d.answer.values ? { values: d.answer.values.map((v) => v.value) } : {}),
        });
        break;
    }
  }
  return infos;
}

function valueCodesInfo(codes: readonly Ast.ValueCode[]): ValueCodeInfo[] {
  return codes.map((c) => ({ value: c.value, system: CODE_SYSTEMS[c.system], code: c.code }));
}

function bindingInfo(b: Ast.Binding): CodeBindingInfo {
  return { any: b.any, include: b.codes.map(patternInfo), exclude: b.except.map(patternInfo) };
}
