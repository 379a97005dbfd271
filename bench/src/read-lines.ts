import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * The floor under `eligo screen --ndjson`: the lines of a file read the way the CLI reads them
 * (packages/cli/src/main.ts) and each one `JSON.parse`d, nothing else. Prints the count.
 */
const path = process.argv[2];
if (path === undefined) throw new Error('usage: read-lines.ts <file.ndjson>');
let lines = 0;
for await (const text of createInterface({
  input: createReadStream(path, 'utf8'),
  crlfDelay: Number.POSITIVE_INFINITY,
})) {
  if (text.trim() === '') continue;
  JSON.parse(text);
  lines++;
}
process.stdout.write(`${JSON.stringify({ lines })}\n`);
