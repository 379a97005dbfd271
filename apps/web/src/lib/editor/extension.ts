import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { type Extension, StateField } from '@codemirror/state';
import { EditorView, hoverTooltip, keymap } from '@codemirror/view';
import { completionsAt } from './completion';
import { hoverAt } from './hover';
import { definitionAt, renameAt } from './navigation';
import { analyze, type EditorModel, occurrenceAt } from './symbols';

/** The model of the current text, rebuilt on each change (the parse takes a few milliseconds). */
const modelField = StateField.define<EditorModel>({
  create: (state) => analyze(state.doc.toString()),
  update: (model, tr) => (tr.docChanged ? analyze(tr.newDoc.toString(), model) : model),
});

function complete(context: CompletionContext): CompletionResult | null {
  const found = completionsAt(context.state.field(modelField), context.pos, context.explicit);
  if (!found || found.items.length === 0) return null;
  return {
    from: found.from,
    options: found.items.map((i) => ({ label: i.label, type: i.type, detail: i.detail, apply: i.apply })),
    validFor: /^[\w./*{}[\]%()-]*$/,
  };
}

const hover = hoverTooltip((view, pos) => {
  const info = hoverAt(view.state.field(modelField), pos);
  if (!info) return null;
  return {
    pos: info.from,
    end: info.to,
    above: true,
    create() {
      const dom = document.createElement('div');
      dom.className = 'cm-eligo-hover';
      const title = dom.appendChild(document.createElement('strong'));
      title.textContent = info.title;
      dom.appendChild(document.createElement('div')).textContent = info.detail;
      return { dom };
    },
  };
});

function goToDefinition(view: EditorView, pos = view.state.selection.main.head): boolean {
  const target = definitionAt(view.state.field(modelField), pos);
  if (!target) return false;
  view.dispatch({
    selection: { anchor: target.from, head: target.to },
    effects: EditorView.scrollIntoView(target.from, { y: 'center' }),
  });
  return true;
}

/** The name a rename should produce; `window.prompt` unless the page supplies its own dialog. */
export type AskName = (current: string) => string | null | Promise<string | null>;

function rename(ask: AskName) {
  return (view: EditorView): boolean => {
    const { state } = view;
    const model = state.field(modelField);
    const pos = state.selection.main.head;
    const current = occurrenceAt(model, pos)?.name;
    if (!current) return false;
    Promise.resolve(ask(current)).then((name) => {
      // An edit made while the dialog was open would shift every span: rename nothing then.
      if (!name || name === current || view.state.doc !== state.doc) return;
      const result = renameAt(model, pos, name);
      if (!result.ok) {
        window.alert(result.message);
        return;
      }
      view.dispatch({
        changes: [...result.edits],
        userEvent: 'rename',
        effects: EditorView.announce.of(`Renamed ${current} to ${name} in ${result.edits.length} places.`),
      });
    });
    return true;
  };
}

/**
 * Completion, hover documentation, go-to-definition (F12, Ctrl/Cmd-click) and rename (F2) for
 * `.elig` text, from the AST through @eligo/core's public API.
 */
export function eligoIntelligence(options: { ask?: AskName } = {}): Extension {
  const ask = options.ask ?? ((current: string) => window.prompt(`Rename ${current} to`, current));
  return [
    modelField,
    autocompletion({ override: [complete] }),
    hover,
    keymap.of([
      { key: 'F12', run: (view) => goToDefinition(view) },
      { key: 'F2', run: rename(ask) },
    ]),
    EditorView.domEventHandlers({
      mousedown(event, view) {
        if (!(event.ctrlKey || event.metaKey)) return false;
        const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
        if (pos === null || !goToDefinition(view, pos)) return false;
        event.preventDefault();
        return true;
      },
    }),
    // axe (scrollable-region-focusable) does not count a contenteditable as focusable: an explicit
    // tabindex on the content, already in the tab order, says so without adding a stop.
    EditorView.contentAttributes.of({ tabindex: '0' }),
    EditorView.baseTheme({
      '.cm-eligo-hover': { padding: '0.3rem 0.5rem', maxWidth: '32rem' },
      '.cm-eligo-hover strong': { fontFamily: 'var(--mono, monospace)' },
    }),
  ];
}
