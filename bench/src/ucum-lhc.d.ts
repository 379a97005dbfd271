/** The part of @lhncbc/ucum-lhc (which ships no types) that the benchmarks and @eligo/fhir use. */
declare module '@lhncbc/ucum-lhc' {
  interface UcumLhcUtils {
    validateUnitString(unit: string): { status: 'valid' | 'invalid' | 'error' };
    convertUnitTo(
      from: string,
      value: number,
      to: string,
      options?: { molecularWeight?: number },
    ): { status: 'succeeded' | 'failed' | 'error'; toVal: number | null };
  }
  const ucum: { UcumLhcUtils: { getInstance(): UcumLhcUtils } };
  export default ucum;
}
