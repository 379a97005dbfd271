import type { Node } from '../ast';

/**
 * The child nodes of a node, in source order. Written defensively: a tree recovered from a
 * syntax error may lack parts, and the checker must still walk it.
 */
export function childNodes(node: Node): Node[] {
  const out: Node[] = [];
  const add = (...items: unknown[]) => {
    for (const item of items) {
      if (Array.isArray(item)) add(...item);
      else if (isNode(item)) out.push(item);
    }
  };
  switch (node.kind) {
    case 'Protocol':
      add(node.id, node.screeningPeriod, node.declarations, node.sections, node.cohorts);
      break;
    case 'Cohort':
      add(node.id, node.sections);
      break;
    case 'Section':
      add(node.criteria);
      break;
    case 'Criterion':
      add(node.id, node.rule);
      break;
    case 'PatientDecl':
      add(node.name);
      break;
    case 'LabDecl':
      add(node.name, node.unit, node.binding, node.molarMass, node.positiveAbove);
      break;
    case 'TestDecl':
      add(node.name, node.binding, node.values, node.positiveAbove);
      break;
    case 'RecordDecl':
      add(node.name, node.binding, node.classes, node.routes);
      break;
    case 'QuestionDecl':
      add(node.name, node.answer);
      break;
    case 'DefineDecl':
      add(node.name, node.expr);
      break;
    case 'Binding':
      add(node.codes, node.except);
      break;
    case 'AnswerType':
      add(node.unit, node.values);
      break;
    case 'If':
      add(node.condition, node.then, node.else);
      break;
    case 'Unless':
      add(node.expr, node.exception);
      break;
    case 'Given':
      add(node.expr, node.premise);
      break;
    case 'Binary':
      add(node.left, node.right);
      break;
    case 'Not':
      add(node.operand);
      break;
    case 'Quantifier':
      add(node.operands);
      break;
    case 'Compare':
      add(node.left, node.right);
      break;
    case 'Between':
      add(node.value, node.low, node.high);
      break;
    case 'Is':
      add(node.subject, node.value);
      break;
    case 'ConditionTest':
      add(node.subject, node.duration);
      break;
    case 'MedicationTest':
      add(node.subject, node.duration);
      break;
    case 'WithinTest':
      add(node.subject, node.duration, node.anchor);
      break;
    case 'AnyReading':
      add(node.test, node.duration, node.anchor);
      break;
    case 'SevereTest':
      add(node.subject);
      break;
    case 'Trend':
      add(node.subject, node.duration);
      break;
    case 'Ref':
      add(node.window);
      break;
    case 'Quantity':
      add(node.unit);
      break;
    case 'Call':
      add(node.callee, node.args);
      break;
    case 'Latest':
      add(node.alternatives);
      break;
    case 'DailyDose':
      add(node.subject, node.as, node.highestWithin);
      break;
    case 'DoseIncrease':
      add(node.dose, node.duration);
      break;
    case 'DoseCourse':
      add(node.test, node.duration, node.window);
      break;
    case 'Episodes':
      add(node.subject, node.separatedBy);
      break;
    case 'Arith':
      add(node.left, node.right);
      break;
    default:
      break;
  }
  return out;
}

function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string'
  );
}
