import { type LocalRun, runLocally } from './run-local';

/** A browser run off the page's thread: cancelling terminates the worker. */
export interface LocalRequest {
  readonly text: string;
  readonly name: string;
  readonly asOf: string;
  readonly ndjson: string;
}

export type LocalMessage =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'done'; readonly run: LocalRun }
  | { readonly type: 'failed'; readonly message: string };

self.onmessage = (event: MessageEvent<LocalRequest>) => {
  const { text, name, asOf, ndjson } = event.data;
  const post = (message: LocalMessage) => self.postMessage(message);
  try {
    const run = runLocally(text, name, asOf, ndjson, (p) => post({ type: 'progress', ...p }));
    post({ type: 'done', run });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
