// The file of an import is read, decoded and parsed on a worker thread (records.worker.ts), so that
// a 50 MB file does not hold the server's event loop (it held it for seconds). The worker reads a
// few chunks ahead of the importer and waits for it to ask for more: memory stays bounded however
// long the file. A worker that finished its file cleanly waits for the next one (starting one
// through tsx costs a few hundred milliseconds); one whose reading was cut short is terminated.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../lib/errors.ts';
import type { ImportKind } from './headers.ts';
import type { FileInfo } from './reader.ts';
import type { FileRecord } from './records.ts';

/** Chunks the worker may read ahead of the one being written. */
const CHUNKS_AHEAD = 4;
/** Idle workers kept, and for how long. */
const MAX_IDLE = 2;
const IDLE_MS = 60_000;

/** To the worker: a file to read, or leave to read one more chunk ahead. */
export type ToWorker = { type: 'job'; info: FileInfo; kind: ImportKind; ahead: number } | { type: 'more' };

/** From the worker: a chunk, the end of the file, or what went wrong (an AppError's parts, or a message). */
export type FromWorker =
  | { type: 'chunk'; records: FileRecord[] }
  | { type: 'done' }
  | { type: 'error'; status?: number; code?: string; message: string; details?: AppError['details'] };

const idle: { worker: Worker; timer: NodeJS.Timeout; onExit: () => void }[] = [];

/** The records of the file, chunk by chunk, read by a worker thread. */
export async function* readInWorker(info: FileInfo, kind: ImportKind): AsyncGenerator<FileRecord[]> {
  const worker = acquire();
  const next = inbox(worker);
  let clean = false;
  try {
    worker.postMessage({ type: 'job', info, kind, ahead: CHUNKS_AHEAD } satisfies ToWorker);
    for (;;) {
      const m = await next.take();
      if (m.type === 'chunk') {
        yield m.records;
        worker.postMessage({ type: 'more' } satisfies ToWorker);
        continue;
      }
      clean = true;
      if (m.type === 'done') return;
      throw m.status && m.code ? new AppError(m.status, m.code, m.message, m.details) : new Error(m.message);
    }
  } finally {
    next.close();
    // Cut short (the importer failed, or a worker crashed): the worker may be mid-file; ended.
    if (clean) release(worker);
    else void worker.terminate();
  }
}

function acquire(): Worker {
  const w = idle.pop();
  if (!w) return startWorker();
  clearTimeout(w.timer);
  w.worker.off('exit', w.onExit).ref();
  return w.worker;
}

function release(worker: Worker): void {
  if (idle.length >= MAX_IDLE) return void worker.terminate();
  // An idle worker keeps no process alive (the CLI exits when its command is done).
  worker.unref();
  const entry = {
    worker,
    timer: setTimeout(() => drop(entry, true), IDLE_MS).unref(),
    onExit: () => drop(entry, false),
  };
  worker.once('exit', entry.onExit);
  idle.push(entry);
}

function drop(entry: (typeof idle)[number], terminate: boolean): void {
  const i = idle.indexOf(entry);
  if (i === -1) return;
  idle.splice(i, 1);
  clearTimeout(entry.timer);
  entry.worker.off('exit', entry.onExit);
  if (terminate) void entry.worker.terminate();
}

/**
 * The worker's entry: its build beside the CLI's bundle (bin/cli-bundle.mjs defines where), else its
 * TypeScript source loaded through tsx, which a worker thread does not inherit from its parent.
 */
function startWorker(): Worker {
  const bundle = (globalThis as { birgemizCliBundle?: string }).birgemizCliBundle;
  if (bundle) return new Worker(new URL('records.worker.js', bundle));
  const source = new URL('./records.worker.ts', import.meta.url).href;
  const boot = `import { register } from ${JSON.stringify(tsxApi())}; register(); await import(${JSON.stringify(source)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`));
}

/** tsx's ES module API: the `import` twin of the file require resolves "tsx/esm/api" to. */
const tsxApi = () =>
  pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;

/** The worker's messages of one file, one at a time; a worker that fails or exits meanwhile rejects. */
function inbox(worker: Worker) {
  const queue: FromWorker[] = [];
  let waiting: { resolve(m: FromWorker): void; reject(e: Error): void } | null = null;
  let failure: Error | null = null;
  const onMessage = (m: FromWorker) => {
    if (waiting) waiting.resolve(m);
    else queue.push(m);
    waiting = null;
  };
  const fail = (err: Error) => {
    failure ??= err;
    waiting?.reject(failure);
    waiting = null;
  };
  const onExit = (code: number) => fail(new Error(`The file reader stopped (exit code ${code})`));
  worker.on('message', onMessage).on('error', fail).on('exit', onExit);
  return {
    take(): Promise<FromWorker> {
      const m = queue.shift();
      if (m) return Promise.resolve(m);
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
      });
    },
    close() {
      worker.off('message', onMessage).off('error', fail).off('exit', onExit);
    },
  };
}
