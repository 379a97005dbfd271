import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { type EditorState, type Extension, StateEffect, StateField } from '@codemirror/state';
import { EditorView, hoverTooltip, keymap, ViewPlugin, type ViewUpdate } from '@codemirror/view';
import { completionsAt } from './completion';
import { hoverAt } from './hover';
import { definitionAt, renameAt } from './navigation';
import { analyze, type EditorModel, occurrenceAt } from './symbols';

/** Analysing a long protocol takes a parse (tens to hundreds of milliseconds): after a pause, not per key. */
const ANALYSE_AFTER_MS = 300;

const analysed = StateEffect.define<EditorModel>();

/** The last analysis, possibly of an earlier text (its names still serve completion). */
const modelField = StateField.define<EditorModel | undefined>({
  create: () => undefined,
  update(model, tr) {
    for (const effect of tr.effects) if (effect.is(analysed)) return effect.value;
    return model;
  },
});

/** The analysis of the text as it is now: the last one when it is current, else made now. */
function currentModel(state: EditorState): EditorModel {
  const text = state.doc.toString();
  const last = state.field(modelField);
  return last && last.text === text ? last : analyze(text, last);
}

const analyseWhenIdle = ViewPlugin.fromClass(
  class {
    timer: ReturnType<typeof setTimeout> | undefined;
    constructor(readonly view: EditorView) {
      this.schedule();
    }
    update(update: ViewUpdate) {
      if (update.docChanged) this.schedule();
    }
    schedule() {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        const { state } = this.view;
        const last = state.field(modelField);
        if (last && last.text === state.doc.toString()) return;
        this.view.dispatch({ effects: analysed.of(analyze(state.doc.toString(), last)) });
      }, ANALYSE_AFTER_MS);
    }
    destroy() {
      clearTimeout(this.timer);
    }
  },
);

function complete(context: CompletionContext): CompletionResult | null {
  const model = context.state.field(modelField) ?? { symbols: [] };
  const found = completionsAt(model, context.state.doc.toString(), context.pos, context.explicit);
  if (!found || found.items.length === 0) return null;
  return {
    from: found.from,
    options: found.items.map((i) => ({ label: i.label, type: i.type, detail: i.detail, apply: i.apply })),
    validFor: /^[\w./*{}[\]%()-]*$/,
  };
}

const hover = hoverTooltip((view, pos) => {
  const info = hoverAt(currentModel(view.state), pos);
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
  const target = definitionAt(currentModel(view.state), pos);
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
    const model = currentModel(state);
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
    analyseWhenIdle,
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
