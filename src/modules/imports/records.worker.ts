// The reading side of an import, on a worker thread (see reader-thread.ts): a file is decoded and
// parsed here and its records posted in chunks, never more than `ahead` of them before the importer
// asks for more. A problem of the file goes back as the AppError's parts. Then the next file.
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../lib/errors.ts';
import type { FromWorker, ToWorker } from './reader-thread.ts';
import { recordChunks } from './records.ts';

const port = parentPort;
if (!port) throw new Error('records.worker.ts runs as a worker thread (see reader-thread.ts)');
const post = (m: FromWorker) => port.postMessage(m);

let credits = 0;
let wake: (() => void) | null = null;
let jobs = Promise.resolve();

port.on('message', (m: ToWorker) => {
  if (m.type === 'more') {
    credits++;
    wake?.();
    wake = null;
    return;
  }
  credits = m.ahead;
  jobs = jobs.then(() => read(m.info, m.kind));
});

async function read(info: Parameters<typeof recordChunks>[0], kind: Parameters<typeof recordChunks>[1]) {
  try {
    for await (const records of recordChunks(info, kind)) {
      while (credits <= 0) await new Promise<void>((resolve) => (wake = resolve));
      credits--;
      post({ type: 'chunk', records });
    }
    post({ type: 'done' });
  } catch (err) {
    if (err instanceof AppError)
      post({ type: 'error', status: err.status, code: err.code, message: err.message, details: err.details });
    else post({ type: 'error', message: (err as Error)?.message ?? String(err) });
  }
}
