import type { CompareOp } from '../ast';
import type { CompiledCohort, CompiledCriterion } from '../compile';
import { codedTruth } from '../decide/coded';
import { given3 } from '../decide/given';
import { ELIGIBLE, excluding, INELIGIBLE, UNDETERMINED } from '../decide/verdict';
import { windowMay, windowSure } from '../decide/window';
import { and3, compare, count3, if3, not3, or3 } from '../evaluate/compare';
import { type Bool, type BoolDefine, type Element, OK, UNKNOWN, type Val } from '../evaluate/ir';
import { elementOf } from '../evaluate/leaves';
import { toClosure } from '../fast/closures';
import type { PopulationBatch } from './columns';
import {
  batchContext,
  ColReading,
  labColumns,
  readAge,
  readCkd,
  readLab,
  readPlainLab,
  readSex,
} from './reading';
import { allergyTruth, conditionTruth, encounterTruth, medicationTruth, procedureTruth } from './records';
import { Binding, columnRule } from './rules';
import type { PopulationVerdicts } from './screen';

/**
 * The population path as one generated function per protocol. The closure tree of `rules.ts`
 * calls its children through a handful of call sites shared by every node, which the engine can
 * neither predict nor inline; here each node is a small function that calls exactly the nodes
 * below it, so every call has one known target and the whole criterion compiles into straight
 * code. The leaves are the same shared functions (`readLab`, `conditionTruth`, …), so the two
 * forms cannot drift apart in meaning; the closure form remains for hosts that forbid generating
 * code (a strict Content-Security-Policy), and tests hold both to the fast path's answers.
 */

export type BatchScreen = (batch: PopulationBatch, statuses: boolean) => PopulationVerdicts;

/** Everything the generated code calls, by name. */
const HELPERS = {
  and3,
  or3,
  not3,
  if3,
  given3,
  count3,
  compare,
  batchContext,
  ColReading,
  Binding,
  labColumns,
  readLab,
  readPlainLab,
  readAge,
  readSex,
  readCkd,
  conditionTruth,
  medicationTruth,
  encounterTruth,
  procedureTruth,
  allergyTruth,
  windowSure,
  windowMay,
  codedTruth,
  compareReadings,
  columns(batch: PopulationBatch, id: string, kind: string) {
    const c = batch.elements[id];
    return c !== undefined && c.kind === kind ? c : undefined;
  },
};

/** Two read values compared: codes by equality, numbers as intervals. */
function compareReadings(a: ColReading, op: CompareOp, b: ColReading): number {
  if (a.state !== OK || b.state !== OK) return 2;
  if (a.code !== undefined || b.code !== undefined) {
    if (a.code === undefined || b.code === undefined) return 2;
    if (op === '=') return a.code === b.code ? 1 : 0;
    if (op === '!=') return a.code === b.code ? 0 : 1;
    return 2;
  }
  return compare(a, op, b);
}

/**
 * Nothing of the protocol's text is spelled into the generated code: names and values written in
 * the protocol (element ids, `is` values) reach it only as constants, `K[n]`, and numbers only as
 * numbers the compiler computed. The fuzz harness (`fuzz/targets.ts`) holds it to that.
 */
class Emitter {
  /** Declarations, made once: readings, column slots and the node functions. */
  readonly lines: string[] = [];
  /** Statements run at the start of each batch: its columns into the slots, caches emptied. */
  readonly bind: string[] = [];
  readonly constants: unknown[] = [];
  private readonly vals = new Map<Val, number>();
  private readonly defines = new Map<BoolDefine, number>();
  private next = 0;

  constant(value: unknown): string {
    this.constants.push(value);
    return `K[${this.constants.length - 1}]`;
  }

  private id(): number {
    return this.next++;
  }

  /** Emits a value node's reader `v<n>(i)`; returns its name. */
  val(v: Val): string {
    if (v.k === 'define') return this.val(v.body);
    const known = this.vals.get(v);
    if (known !== undefined) return `v${known}`;
    const n = this.id();
    this.vals.set(v, n);
    const r = `R${n}`;
    const { lines: L, bind: B } = this;
    const reading = () => {
      L.push(`const ${r} = new H.ColReading();`);
      // A reading caches one patient by index: a new batch starts afresh.
      B.push(`${r}.at = -1;`);
    };
    const columns = (name: string, id: string, kind: string) => {
      L.push(`let ${name};`);
      B.push(`${name} = H.columns(batch, ${this.constant(id)}, '${kind}');`);
    };
    switch (v.k) {
      case 'qty': {
        const q = new ColReading();
        q.state = OK;
        q.lo = v.out.lo;
        q.hi = v.out.hi;
        q.unit = v.unit;
        L.push(`const ${r} = ${this.constant(q)};`, `function v${n}(i) { return ${r}; }`);
        break;
      }
      case 'lab':
        reading();
        L.push(`let L${n}, PL${n} = false;`);
        B.push(
          `L${n} = H.labColumns(${this.constant(v.el)}, ${this.constant(v.window)}, batch);`,
          `PL${n} = L${n} !== undefined && L${n}.plain;`,
        );
        L.push(
          `function v${n}(i) { if (${r}.at !== i && L${n} !== undefined) { if (PL${n}) H.readPlainLab(L${n}, asOf, i, ${r}); else H.readLab(L${n}, asOf, i, ${r}); } return ${r}; }`,
        );
        break;
      case 'age':
        reading();
        columns(`B${n}`, v.birth.id, 'date');
        L.push(
          `function v${n}(i) { if (${r}.at !== i) H.readAge(B${n}, asOf, asOfKey, i, ${r}); return ${r}; }`,
        );
        break;
      case 'sex':
        reading();
        columns(`S${n}`, v.el.id, 'code');
        L.push(`function v${n}(i) { if (${r}.at !== i) H.readSex(S${n}, i, ${r}); return ${r}; }`);
        break;
      case 'ckd': {
        const creatinine = this.val(v.creatinine);
        const k = this.constant({ v2021: v.version === '2021', toMgDl: v.toMgDl, unit: v.unit });
        reading();
        columns(`S${n}`, v.sex.id, 'code');
        columns(`B${n}`, v.birth.id, 'date');
        L.push(
          `function v${n}(i) { if (${r}.at !== i) H.readCkd(${k}, ${creatinine}(i), S${n}, B${n}, i, ${r}); return ${r}; }`,
        );
        break;
      }
      default:
        // Limits are read from the other side; a population has no answers; a date value reads nothing.
        L.push(`const ${r} = new H.ColReading();`, `function v${n}(i) { return ${r}; }`);
    }
    return `v${n}`;
  }

  /** Emits a rule node as `b<n>(i)` returning 0, 1 or 2; returns its name. */
  bool(b: Bool): string {
    if (b.k === 'define') {
      const known = this.defines.get(b.d);
      if (known !== undefined) return `b${known}`;
      const n = this.id();
      this.defines.set(b.d, n);
      const body = this.bool(b.d.body);
      this.lines.push(
        `let d${n}at = -1, d${n} = 2;`,
        `function b${n}(i) { if (d${n}at !== i) { d${n} = ${body}(i); d${n}at = i; } return d${n}; }`,
      );
      this.bind.push(`d${n}at = -1;`);
      return `b${n}`;
    }
    const n = this.id();
    this.lines.push(`function b${n}(i) { ${this.body(b, n)} }`);
    return `b${n}`;
  }

  private body(b: Bool, n: number): string {
    if (!columnRule(b)) {
      // No column form: the object evaluator on the patient rebuilt as facts.
      return `return ${this.constant(toClosure(b))}(binding.objectPatient(i));`;
    }
    const records = (el: Element) => {
      const c = `C${n}`;
      this.lines.push(`let ${c};`);
      this.bind.push(`${c} = H.columns(batch, ${this.constant(el.id)}, 'records');`);
      // Most patients have no record of a given condition or medication: with none, every record
      // rule is absent (false in a closed world or when explicitly none, else unknown), answered
      // here without a call.
      const none = el.closedWorld ? '0' : `(${c}.given[i] === 2 ? 0 : 2)`;
      const guard = `if (${c} === undefined) return ${el.closedWorld ? 0 : 2}; if (${c}.given[i] !== 1) return ${none}; `;
      return [c, this.constant(el), guard] as const;
    };
    switch (b.k) {
      case 'and':
        return `const x = ${this.bool(b.a)}(i); return x === 0 ? 0 : H.and3(x, ${this.bool(b.b)}(i));`;
      case 'or':
        return `const x = ${this.bool(b.a)}(i); return x === 1 ? 1 : H.or3(x, ${this.bool(b.b)}(i));`;
      case 'unless':
        return `const x = ${this.bool(b.a)}(i); return x === 0 ? 0 : H.and3(x, H.not3(${this.bool(b.b)}(i)));`;
      case 'given':
        return `return H.given3(${this.bool(b.a)}(i), ${this.bool(b.b)}(i));`;
      case 'not':
        return `return H.not3(${this.bool(b.a)}(i));`;
      case 'if': {
        const [c, t, e] = [this.bool(b.c), this.bool(b.t), this.bool(b.e)];
        return `const x = ${c}(i); return x === 1 ? ${t}(i) : x === 0 ? ${e}(i) : H.if3(x, ${t}(i), ${e}(i));`;
      }
      case 'quant': {
        const ops = b.ops.map((op) => this.bool(op));
        const tally = ops.map((op) => `x = ${op}(i); if (x === 1) t++; else if (x === 2) u++;`).join(' ');
        return `let t = 0, u = 0, x = 0; ${tally} return H.count3(t, u, ${b.n});`;
      }
      case 'cmp':
        return this.cmp(b.l, b.op, b.r, n);
      case 'between': {
        const low = this.bool({ k: 'cmp', l: b.v, op: '>=', r: b.lo });
        const high = this.bool({ k: 'cmp', l: b.v, op: '<=', r: b.hi });
        return `return H.and3(${low}(i), ${high}(i));`;
      }
      case 'is':
        return `return H.codedTruth(${this.val(b.s)}(i), ${this.constant(elementOf(b.s))}, ${this.constant(b.value)}, ${b.negated}, ${b.known});`;
      case 'cond': {
        const [c, el, guard] = records(b.el);
        return `${guard}return H.conditionTruth(${c}, ${el}, ${JSON.stringify(b.mode)}, ${b.ago === undefined ? 'undefined' : this.constant(b.ago)}, i, asOf);`;
      }
      case 'med': {
        const [c, el, guard] = records(b.el);
        // Encounters are periods too, read by the same rules.
        const truth = b.el.kind === 'encounter' ? 'H.encounterTruth' : 'H.medicationTruth';
        const any = `${truth}(${c}, ${el}, false, 0, 0, 0, 0, i, asOf)`;
        if (b.mode === 'any') return `${guard}return ${any};`;
        const w = this.constant(b.duration);
        if (b.anchor === undefined)
          return `return ${truth}(${c}, ${el}, true, H.windowSure(asOf, ${w}), H.windowMay(asOf, ${w}), asOf, asOf, i, asOf);`;
        // Without the anchor's date only a patient never exposed is decided.
        // With no exposure the anchor need not be read.
        return `${guard}const a = ${this.val(b.anchor)}(i); if (a.state !== 1) return ${any} === 0 ? 0 : 2; return ${truth}(${c}, ${el}, true, H.windowSure(a.dayHi, ${w}), H.windowMay(a.dayLo, ${w}), a.dayLo, a.dayHi, i, asOf);`;
      }
      case 'record': {
        const call = {
          condition: (c: string, el: string) => `H.conditionTruth(${c}, ${el}, 'active', undefined, i, asOf)`,
          medication: (c: string, el: string) => `H.medicationTruth(${c}, ${el}, false, 0, 0, 0, 0, i, asOf)`,
          procedure: (c: string, el: string) => `H.procedureTruth(${c}, ${el}, i, asOf)`,
          allergy: (c: string, el: string) => `H.allergyTruth(${c}, ${el}, false, i)`,
          encounter: (c: string, el: string) => `H.encounterTruth(${c}, ${el}, false, 0, 0, 0, 0, i, asOf)`,
        }[b.el.kind as 'condition' | 'medication' | 'procedure' | 'allergy' | 'encounter'];
        if (call === undefined) return 'return 2;';
        const [c, el, guard] = records(b.el);
        return `${guard}return ${call(c, el)};`;
      }
      case 'severe': {
        const [c, el, guard] = records(b.el);
        return `${guard}return H.allergyTruth(${c}, ${el}, true, i);`;
      }
      case 'answer':
        // A population has no one to ask.
        return 'return 2;';
      case 'const':
        return `return ${b.value};`;
      default:
        throw new Error(`unreachable: '${b.k}' has no column form`);
    }
  }

  /** A comparison, with literal thresholds and limit multiples read directly. */
  private cmp(l: Val, op: CompareOp, r: Val, n: number): string {
    const opText = JSON.stringify(op);
    if (r.k === 'qty' && l.k !== 'qty' && l.k !== 'limit') {
      const threshold = this.constant(r.out);
      const general = `H.compare(x, ${opText}, ${threshold})`;
      const point = r.out.lo === r.out.hi && Number.isFinite(r.out.lo) ? pointTest(op, r.out.lo) : undefined;
      // A point value far from a literal threshold is decided by one subtraction; anything within
      // a millionth goes to \`compare\`, which rounds both to 12 significant digits.
      const fast =
        point === undefined
          ? ''
          : `if (x.lo === x.hi && !x.loOpen && !x.hiOpen) { const d = x.lo - ${r.out.lo}; const s = Math.max(Math.abs(x.lo), ${Math.abs(r.out.lo)}) * 1e-6; ${point} }`;
      return `const x = ${this.val(l)}(i); if (x.state !== 1 || x.code !== undefined) return 2; ${fast} return ${general};`;
    }
    if (r.k === 'limit' || l.k === 'limit') {
      const limitOnRight = r.k === 'limit';
      const node = (limitOnRight ? r : l) as Extract<Val, { k: 'limit' }>;
      const other = this.val(limitOnRight ? l : r);
      this.lines.push(`const P${n} = new H.ColReading();`);
      const field = node.limit === 'ULN' ? 'high' : 'low';
      const compared = limitOnRight ? `H.compare(x, ${opText}, P${n})` : `H.compare(P${n}, ${opText}, x)`;
      // The value is on the left of `d` whichever side the limit is written on.
      const point = pointTest(limitOnRight ? op : flipped(op), 0);
      return `const x = ${other}(i); if (x.state !== 1 || x.code !== undefined) return 2; const limit = x.${field}; if (limit !== limit) return 2; const T = ${node.factor} * limit; if (x.lo === x.hi && !x.loOpen && !x.hiOpen) { const d = x.lo - T; const s = Math.max(Math.abs(x.lo), Math.abs(T)) * 1e-6; ${point} } P${n}.lo = T; P${n}.hi = T; return ${compared};`;
    }
    return `return H.compareReadings(${this.val(l)}(i), ${opText}, ${this.val(r)}(i));`;
  }
}

/** `a op b` as `b op' a`. */
function flipped(op: CompareOp): CompareOp {
  return op === '<' ? '>' : op === '<=' ? '>=' : op === '>' ? '<' : op === '>=' ? '<=' : op;
}

/** For a point value `d` above a point threshold (`s` its tolerance): the decided answers of `op`, as code. */
function pointTest(op: CompareOp, _threshold: number): string {
  switch (op) {
    case '>':
    case '>=':
      return 'if (d > s) return 1; if (d < -s) return 0;';
    case '<':
    case '<=':
      return 'if (d > s) return 0; if (d < -s) return 1;';
    case '=':
      return 'if (d > s || d < -s) return 0;';
    case '!=':
      return 'if (d > s || d < -s) return 1;';
  }
}

/**
 * Generates the batch screen of a protocol, or undefined where generating code is not allowed
 * (the closure form is used there).
 */
export function generateBatchScreen(
  criteria: readonly CompiledCriterion[],
  cohorts: readonly CompiledCohort[],
): BatchScreen | undefined {
  const e = new Emitter();
  const rules = criteria.map((c) => (c.rule ? e.bool(c.rule) : undefined));
  const n = criteria.length;
  const loop: string[] = [];
  rules.forEach((rule, k) => {
    if (rule) loop.push(`st[${k}] = ${rule}(i);`);
  });
  loop.push('if (all !== undefined) all.set(st, i * N);');
  cohorts.forEach((cohort, c) => {
    const members = cohort.members.filter((k) => !criteria[k]!.info.heading);
    // A member excludes when an inclusion is not met (0) or an exclusion is met (1).
    const tests = members
      .map(
        (k) =>
          `t = st[${k}]; if (t === ${UNKNOWN}) open = true; else if (t === ${excluding(criteria[k]!.info.kind === 'exclusion')}) out = true;`,
      )
      .join(' ');
    loop.push(
      `{ let open = false, out = false, t = 0; ${tests} verdicts[i * NC + ${c}] = out ? ${INELIGIBLE} : open ? ${UNDETERMINED} : ${ELIGIBLE}; }`,
    );
  });
  // The node functions are made once and keep their optimised code from batch to batch; only the
  // slots they read change.
  const source = [
    `let asOf = 0, asOfKey = 0, binding;`,
    ...e.lines,
    `return function screenBatch(batch, wantStatuses) {`,
    `const ctx = H.batchContext(batch); asOf = ctx.asOf; asOfKey = ctx.asOfKey;`,
    `binding = new H.Binding(ctx);`,
    ...e.bind,
    `const size = batch.size, N = ${n}, NC = ${cohorts.length};`,
    `const verdicts = new Uint8Array(size * NC); const all = wantStatuses ? new Uint8Array(size * N) : undefined;`,
    `const st = new Uint8Array(N).fill(2);`,
    `for (let i = 0; i < size; i++) {`,
    ...loop,
    `}`,
    `return { size, verdicts, cohorts: NC, statuses: all, criteria: N };`,
    `};`,
  ].join('\n');
  let make: (h: typeof HELPERS, k: unknown[]) => BatchScreen;
  try {
    make = new Function('H', 'K', source) as typeof make;
  } catch (error) {
    // A host that forbids generating code (a Content-Security-Policy without 'unsafe-eval')
    // refuses with an EvalError: the closure form serves there. Anything else is a fault of the
    // generator and must be seen, not hidden behind the slower form.
    if (error instanceof EvalError) return undefined;
    throw error;
  }
  return make(HELPERS, e.constants);
}
