/**
 * Commits rows in groups: rows recorded in the same turn of the event loop (or while the previous
 * group was being written) go to the database in one statement, so concurrent requests share one
 * disk sync instead of queueing one each. Every caller's promise settles only once its rows are
 * committed, so a response still acknowledges a durable write.
 */
export function groupCommit<Row>(write: (rows: Row[]) => Promise<void>, maxRows = 500) {
  const pending: { rows: readonly Row[]; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let writing = false;

  async function flush() {
    writing = true;
    while (pending.length > 0) {
      const group: typeof pending = [];
      let count = 0;
      while (pending.length > 0 && (group.length === 0 || count + pending[0]!.rows.length <= maxRows)) {
        const next = pending.shift()!;
        group.push(next);
        count += next.rows.length;
      }
      try {
        await write(group.flatMap((g) => g.rows));
        for (const g of group) g.resolve();
      } catch (error) {
        for (const g of group) g.reject(error);
      }
    }
    writing = false;
  }

  return function record(rows: readonly Row[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      pending.push({ rows, resolve, reject });
      if (!writing) {
        writing = true;
        setImmediate(() => void flush());
      }
    });
  };
}
