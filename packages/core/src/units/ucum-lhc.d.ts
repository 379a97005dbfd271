/**
 * The part of @lhncbc/ucum-lhc (which ships no types) that `ucum.ts` uses. It is declared for the
 * package's CommonJS entry file rather than the bare package name, so that it never collides
 * with declarations other packages make for the bare name.
 */
declare module '@lhncbc/ucum-lhc/source-cjs/ucumPkg.js' {
  export interface UcumUnit {
    readonly csCode_: string;
    readonly dim_: { readonly dimVec_: readonly number[] } | null;
    readonly moleExp_: number;
    readonly equivalentExp_: number;
    readonly isArbitrary_: boolean;
    readonly isSpecial_: boolean;
    readonly property_: string | null;
    readonly loincProperty_: string | null;
  }

  export interface UcumSuggestion {
    readonly msg: string;
    readonly invalidUnit: string;
    /** Each entry: [code, name, guidance]. */
    readonly units: readonly (readonly [string, string, string | null])[];
  }

  export interface UcumValidation {
    readonly status: 'valid' | 'invalid' | 'error';
    readonly ucumCode: string | null;
    readonly msg: readonly string[];
    readonly unit: { readonly code: string; readonly name: string } | null;
    readonly suggestions?: readonly UcumSuggestion[];
  }

  export interface UcumConversion {
    readonly status: 'succeeded' | 'failed' | 'error';
    readonly toVal: number | null;
    readonly msg: readonly string[];
  }

  export interface UcumLhcUtils {
    validateUnitString(code: string, suggest?: boolean): UcumValidation;
    getSpecifiedUnit(
      code: string,
      mode: 'validate' | 'convert',
      suggest?: boolean,
    ): { readonly unit: UcumUnit | null; readonly retMsg: readonly string[] };
    convertUnitTo(
      from: string,
      value: number,
      to: string,
      options?: { molecularWeight?: number },
    ): UcumConversion;
  }

  export const UcumLhcUtils: { getInstance(): UcumLhcUtils } | undefined;
  const ucum: { readonly UcumLhcUtils: { getInstance(): UcumLhcUtils } } | undefined;
  export default ucum;
}
