import { parentPort, workerData } from 'node:worker_threads';
import { type FeasibilityRequest, runFeasibility } from './run';

/**
 * A feasibility run's own thread: the request comes in as workerData, progress and the counts go
 * out as messages. Cancelling terminates the thread, which is the only way to stop DuckDB or a
 * batch mid-way. Errors go out as their class name only: a message could quote a document.
 */
const port = parentPort!;

runFeasibility(workerData as FeasibilityRequest, (p) => port.postMessage({ type: 'progress', ...p })).then(
  (result) => port.postMessage({ type: 'done', result }),
  (error: unknown) =>
    port.postMessage({ type: 'failed', reason: error instanceof Error ? error.name : 'unknown error' }),
);
