import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { type Diagnostic, lintGutter, setDiagnostics } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import type { Problem } from './run';

/**
 * A plain CodeMirror editor: line numbers, undo, the problems of the last run marked in the text.
 * `onChange` runs after every edit; `label` names the text box for screen readers.
 */
export function createEditor(
  parent: HTMLElement,
  text: string,
  label: string,
  onChange: () => void,
): EditorView {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: text,
      extensions: [
        lineNumbers(),
        highlightActiveLine(),
        history(),
        keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
        lintGutter(),
        EditorView.lineWrapping,
        // An explicit tabindex: axe counts only it as focusable content for the scrolling box.
        EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) onChange();
        }),
      ],
    }),
  });
}

/** The editor's whole text replaced (a state read from a link), as one undoable change. */
export function replaceText(view: EditorView, text: string): void {
  if (view.state.doc.toString() === text) return;
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

/** The problems marked in the editor, clamped into its text: it may have changed since the run. */
export function markProblems(view: EditorView, problems: readonly Problem[]): void {
  const length = view.state.doc.length;
  const marks: Diagnostic[] = problems.map((p) => {
    const from = Math.min(p.from, length);
    // An empty range is hard to see: mark the character at the place when there is one.
    const to = Math.min(Math.max(p.to, p.from === p.to ? from + 1 : from), length);
    return { from, to, severity: p.severity, message: p.message, source: p.code };
  });
  view.dispatch(setDiagnostics(view.state, marks));
}
