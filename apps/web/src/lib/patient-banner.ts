import { ageInYears, dayFromIso, type Facts, type ProtocolInfo } from '@eligo/core';

export interface BannerFacts {
  readonly sex: string | undefined;
  /** Completed years on the screening date; undefined without a full date of birth. */
  readonly age: number | undefined;
}

/** Who the record describes: sex and age on the screening date, from the protocol's patient elements. */
export function bannerFacts(info: ProtocolInfo, facts: Facts | undefined, asOf: string): BannerFacts {
  let sex: string | undefined;
  let age: number | undefined;
  for (const el of info.elements) {
    if (el.kind !== 'patient') continue;
    const value = facts?.[el.id];
    if (typeof value !== 'string') continue;
    if (el.patientField === 'gender') sex = value;
    else {
      const birth = dayFromIso(value);
      const on = dayFromIso(asOf);
      if (!Number.isNaN(birth) && !Number.isNaN(on) && birth <= on) age = ageInYears(birth, on);
    }
  }
  return { sex, age };
}

export const SITE_REF_MAX = 64;

/**
 * Why a site reference cannot be kept, or undefined when it can (blank is "none"). The API
 * refuses the same: more than 64 characters, or a newline or other control character.
 */
export function siteRefProblem(text: string): string | undefined {
  if (text.length > SITE_REF_MAX) return `At most ${SITE_REF_MAX} characters.`;
  if (/\p{Cc}/u.test(text)) return 'One line only: no line breaks or other control characters.';
  return undefined;
}
