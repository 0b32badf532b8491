// The reading side of an import on its worker thread (reader-thread.ts, records.worker.ts): chunks
// of at most 1,000 records in file order, the file's problems as the same AppErrors as before, a
// reader cut short ended and replaced, and back-pressure: a worker reads only a few chunks ahead of
// an importer that has not asked for more (the file is a pipe here, so how far it was read shows).
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../src/lib/errors.ts';
import { type FileInfo, inspectFile } from '../src/modules/imports/reader.ts';
import { readInWorker } from '../src/modules/imports/reader-thread.ts';
import { type FileRecord, forEachRecord } from '../src/modules/imports/records.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'birgemiz-reader-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const HEADER = 'region,period,dimension,category,volunteers';
const line = (i: number) => `KZ-75,2023-01,total,c${i},${i}`;

async function csvFile(name: string, text: string): Promise<FileInfo> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return inspectFile(file);
}

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected an error');
}

describe('records read on a worker thread', () => {
  it('come in chunks of at most 1,000, in file order, numbered as in the file', async () => {
    const n = 5_500;
    const info = await csvFile('v.csv', [HEADER, ...Array.from({ length: n }, (_, i) => line(i))].join('\n'));
    const sizes: number[] = [];
    const rows: number[] = [];
    const total = await forEachRecord(info, 'volunteers', async (records) => {
      sizes.push(records.length);
      for (const r of records) rows.push(r.row);
    });
    expect(total).toBe(n);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(1000);
    expect(rows).toEqual(Array.from({ length: n }, (_, i) => i + 2));
  });

  it("the file's problems are the same AppErrors as on the main thread", async () => {
    const header = await caught(
      forEachRecord(await csvFile('h.csv', 'region,when\nKZ-75,2023-01\n'), 'volunteers', async () => {}),
    );
    expect(header).toBeInstanceOf(AppError);
    expect(header).toMatchObject({ status: 422, code: 'validation_failed' });
    expect(header.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'unknown_column', column: 'when' })]),
    );
    const noRows = await caught(
      forEachRecord(await csvFile('n.csv', `${HEADER}\n`), 'volunteers', async () => {}),
    );
    expect(noRows).toMatchObject({ status: 400, code: 'no_rows' });
    const quote = await caught(
      forEachRecord(await csvFile('q.csv', `${HEADER}\nKZ-75,"2023-01\n`), 'volunteers', async () => {}),
    );
    expect(quote).toMatchObject({ status: 400, code: 'csv_quote' });
    // A zip that is no workbook: named .xlsx, read as one by the worker.
    const fake = path.join(dir, 'x.xlsx');
    fs.writeFileSync(fake, Buffer.from('504b0304', 'hex'));
    const info: FileInfo = { path: fake, size: 4, sha256: '', type: 'xlsx', encoding: null, bom: false };
    expect(await caught(forEachRecord(info, 'activities', async () => {}))).toMatchObject({
      status: 400,
      code: 'not_xlsx',
    });
  });

  it('an importer that fails ends its reader; the next file is read in full', async () => {
    const info = await csvFile(
      'f.csv',
      [HEADER, ...Array.from({ length: 3_000 }, (_, i) => line(i))].join('\n'),
    );
    const failed = await caught(
      forEachRecord(info, 'volunteers', async () => {
        throw new Error('the database went away');
      }),
    );
    expect(failed.message).toBe('the database went away');
    let seen = 0;
    expect(
      await forEachRecord(info, 'volunteers', async (r) => {
        seen += r.length;
      }),
    ).toBe(3_000);
    expect(seen).toBe(3_000);
  });

  it('reads only a few chunks ahead of an importer that has not asked for more', async () => {
    const fifo = path.join(dir, 'pipe.csv');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const info: FileInfo = { path: fifo, size: 0, sha256: '', type: 'csv', encoding: 'utf-8', bom: false };
    // ~20 MB of rows, written as fast as the reader takes them.
    const block = `${Array.from({ length: 10_000 }, (_, i) => line(i)).join('\n')}\n`;
    const blocks = Math.ceil((20 * 1024 * 1024) / block.length);
    const out = fs.createWriteStream(fifo);
    out.on('error', () => {}); // EPIPE once the reader is gone
    let written = 0;
    const writing = (async () => {
      if (!out.write(`${HEADER}\n`)) await once(out, 'drain');
      for (let b = 0; b < blocks && !out.destroyed; b++) {
        if (!out.write(block)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
        written += block.length;
      }
    })().catch(() => {}); // the pipe closed under it, at the end
    const chunks = readInWorker(info, 'volunteers');
    const first = (await chunks.next()).value as FileRecord[];
    expect(first.length).toBeGreaterThan(0);
    // Time for a reader without back-pressure to take the whole file.
    await sleep(1000);
    expect(written).toBeLessThan(blocks * block.length);
    expect(written).toBeLessThan(4 * 1024 * 1024);
    await chunks.return(undefined);
    out.destroy();
    await writing;
  });
});
