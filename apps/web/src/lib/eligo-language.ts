import { StreamLanguage, type StringStream } from '@codemirror/language';

/** Highlighting for `.elig` text: comments, strings, keywords, numbers with units, criterion ids. */
const keywords = new Set(
  (
    'trial version records complete for patient lab test condition medication procedure allergy question define ' +
    'inclusion exclusion cohort source met if decided by sub-criteria from in molar mass positive above values ' +
    'except to any and or not unless then else of all at least between is within days day weeks week months month ' +
    'years year before screening more than resolved ago ever suspected severe latest fell count score number date ' +
    'one yes/no ULN LLN x route daily dose as stable'
  ).split(' '),
);

interface State {
  /** After `inclusion`/`exclusion` each line starts with a criterion id. */
  inList: boolean;
}

export const eligo = StreamLanguage.define<State>({
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
});
