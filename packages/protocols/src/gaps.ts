import type { CorpusId } from './corpus';

/**
 * Worked patients an encoding does not yet get right, each with what the language or the reader
 * lacks. The corpus tests expect these to fail (so a fix shows at once: the test then says to
 * remove the entry); every other worked patient must pass. README coverage tables give the same
 * reasons for their `partial` criteria.
 */
export const KNOWN_GAPS: Partial<Record<CorpusId, Readonly<Record<string, string>>>> = {};

export function knownGap(id: CorpusId, file: string): string | undefined {
  return KNOWN_GAPS[id]?.[file];
}
