import { StreamLanguage, type StreamParser, type StringStream } from '@codemirror/language';
import { KEYWORDS } from '@eligo/core';

/**
 * Highlighting for `.elig` text: comments, strings, keywords, numbers with units, criterion ids.
 * The keywords are the grammar's own words (`KEYWORDS`, read from eligo.ohm), never a copy.
 */
export const keywords: ReadonlySet<string> = new Set(KEYWORDS);

export interface State {
  /** After `inclusion`/`exclusion` each line starts with a criterion id. */
  inList: boolean;
}

/** The tokenizer, apart from the language so that a test can run it line by line. */
export const eligoParser: StreamParser<State> = {
  name: 'eligo',
  startState: () => ({ inList: false }),
  token(stream: StringStream, state: State) {
    if (stream.eatSpace()) return null;
    if (stream.peek() === '#') {
      stream.skipToEnd();
      return 'comment';
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return 'string';
    if (stream.match(/^-?\d+(?:\.\d+)?/)) return 'number';
    if (stream.match(/^(?:>=|<=|!=|[<>=])/)) return 'operator';
    const startOfLine = stream.string.slice(0, stream.pos).trim() === '';
    if (stream.match(/^[A-Za-z_][\w./*{}-]*/)) {
      const word = stream.current();
      if (word === 'inclusion' || word === 'exclusion') state.inList = true;
      if (word === 'cohort') state.inList = false;
      if (keywords.has(word)) return 'keyword';
      if (startOfLine && state.inList && /^[A-Z][\w.-]*$/.test(word)) return 'labelName';
      return 'variableName';
    }
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '#' } },
};

export const eligo = StreamLanguage.define<State>(eligoParser);
