import type { Rule } from '../context';
import { AlwaysTrueRangeRule } from './AlwaysTrueRangeRule';
import { ArithmeticRule } from './ArithmeticRule';
import { AtLeastCountRule } from './AtLeastCountRule';
import { BooleanOperandRule } from './BooleanOperandRule';
import { CalculatorCallRule } from './CalculatorCallRule';
import { ConditionQualifierRule } from './ConditionQualifierRule';
import { ConfusableIdentifierRule } from './ConfusableIdentifierRule';
import { ContradictoryRangeRule } from './ContradictoryRangeRule';
import { CriterionSourceRule } from './CriterionSourceRule';
import { DefineCycleRule } from './DefineCycleRule';
import { DoseCourseRule } from './DoseCourseRule';
import { DoseHistoryRule } from './DoseHistoryRule';
import { EncounterClassRule } from './EncounterClassRule';
import { EpisodesSubjectRule } from './EpisodesSubjectRule';
import { EquivalenceTableRule } from './EquivalenceTableRule';
import { KnownFunctionRule } from './KnownFunctionRule';
import { KnownNameRule } from './KnownNameRule';
import { KnownResultRule } from './KnownResultRule';
import { KnownValueRule } from './KnownValueRule';
import { LayWordingRule } from './LayWordingRule';
import { LimitMultipleRule } from './LimitMultipleRule';
import { MedicationQualifierRule } from './MedicationQualifierRule';
import { MedicationRouteRule } from './MedicationRouteRule';
import { MethodCodeRule } from './MethodCodeRule';
import { MixedScriptIdentifierRule } from './MixedScriptIdentifierRule';
import { ObservationWindowRule } from './ObservationWindowRule';
import { RecordFilterRule } from './RecordFilterRule';
import { RecordWindowRule } from './RecordWindowRule';
import { ReservedNameRule } from './ReservedNameRule';
import { SevereRecordRule } from './SevereRecordRule';
import { StrictWindowRule } from './StrictWindowRule';
import { SubCriteriaRule } from './SubCriteriaRule';
import { TrendSubjectRule } from './TrendSubjectRule';
import { UniqueCohortIdRule } from './UniqueCohortIdRule';
import { UniqueCompleteRecordRule } from './UniqueCompleteRecordRule';
import { UniqueCriterionIdRule } from './UniqueCriterionIdRule';
import { UniqueDeclarationNameRule } from './UniqueDeclarationNameRule';
import { UnitAnnotationRule } from './UnitAnnotationRule';
import { UnitDimensionRule } from './UnitDimensionRule';
import { UnusedDeclarationRule } from './UnusedDeclarationRule';
import { ValidUnitRule } from './ValidUnitRule';
import { ValueCodeRule } from './ValueCodeRule';
import { WindowLengthRule } from './WindowLengthRule';

/** Every check `check()` runs, in the order of the diagnostic codes they report. */
export const specifiedRules: readonly Rule[] = [
  // names (E01xx)
  KnownNameRule,
  KnownFunctionRule,
  UniqueDeclarationNameRule,
  UniqueCriterionIdRule,
  UniqueCohortIdRule,
  ReservedNameRule,
  MixedScriptIdentifierRule,
  ConfusableIdentifierRule,
  // types and units (E02xx)
  ValidUnitRule,
  UnitDimensionRule,
  ArithmeticRule,
  LimitMultipleRule,
  KnownValueRule,
  ConditionQualifierRule,
  MedicationQualifierRule,
  RecordWindowRule,
  WindowLengthRule,
  SevereRecordRule,
  BooleanOperandRule,
  CalculatorCallRule,
  ObservationWindowRule,
  AtLeastCountRule,
  TrendSubjectRule,
  UnitAnnotationRule,
  EncounterClassRule,
  MedicationRouteRule,
  RecordFilterRule,
  EpisodesSubjectRule,
  KnownResultRule,
  EquivalenceTableRule,
  ValueCodeRule,
  DoseHistoryRule,
  MethodCodeRule,
  DoseCourseRule,
  StrictWindowRule,
  LayWordingRule,
  // structure (E03xx)
  SubCriteriaRule,
  DefineCycleRule,
  UniqueCompleteRecordRule,
  // warnings and notes (W0xxx)
  ContradictoryRangeRule,
  AlwaysTrueRangeRule,
  UnusedDeclarationRule,
  CriterionSourceRule,
];
