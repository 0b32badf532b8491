// Issue 9, defect 9 (leftovers): the upload directory of a server killed during an import stays in
// the temporary directory; the next start removes it (removeUploadLeftovers, called by
// server/main.ts), but never the directory of another server still running on the machine, nor
// anything it did not make. Each test runs in a temporary directory of its own (TMPDIR).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeUploadDir, removeUploadLeftovers } from '../src/modules/imports/uploads.ts';

const savedTmp = process.env.TMPDIR;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'birgemiz-cleanup-'));
let tmp: string;
const children: ChildProcess[] = [];

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(root, 't-'));
  process.env.TMPDIR = tmp;
});
afterEach(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  for (const c of children.splice(0)) c.kill('SIGKILL');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A server stand-in: a process that made an upload directory (as an import does) and runs on. */
async function serverWithUpload(): Promise<{ child: ChildProcess; dir: string }> {
  const code = `import('./src/modules/imports/uploads.ts').then((m) => m.makeUploadDir()).then((d) => {
    require('node:fs').writeFileSync(d + '/upload', 'region,period\\n');
    console.log(d);
    setInterval(() => {}, 1000);
  });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', code], {
    cwd: path.resolve(import.meta.dirname, '..'),
    env: { ...process.env, TMPDIR: tmp },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const [dir] = (await once(createInterface({ input: child.stdout as NodeJS.ReadableStream }), 'line')) as [
    string,
  ];
  return { child, dir };
}

/** The id of a process that has ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', '']);
  return r.pid as number;
}

const names = () => fs.readdirSync(tmp).sort();
const daysAgo = (p: string, days: number) => {
  const t = new Date(Date.now() - days * 86_400_000);
  fs.utimesSync(p, t, t);
};

describe('upload directories left by a killed server', () => {
  it('kept while the server that made it runs (a second server starting beside it), removed once it is killed', async () => {
    const { child, dir } = await serverWithUpload();
    expect(path.dirname(dir)).toBe(tmp);
    expect(path.basename(dir)).toMatch(new RegExp(`^birgemiz-import-${child.pid}-`));
    expect(await removeUploadLeftovers()).toEqual([]);
    expect(fs.existsSync(path.join(dir, 'upload'))).toBe(true);
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(await removeUploadLeftovers()).toEqual([dir]);
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('removes only directories this application made, of processes that are gone or older than a day', async () => {
    const dead = deadPid();
    const alive = process.ppid;
    const dirs = {
      dead: `birgemiz-import-${dead}-Ab12Cd`,
      alive: `birgemiz-import-${alive}-Ef34Gh`,
      own: `birgemiz-import-${process.pid}-Ij56Kl`,
      aliveButOld: `birgemiz-import-${alive}-Mn78Op`,
      olderFormat: 'birgemiz-import-Qr90St',
      olderFormatOld: 'birgemiz-import-Uv12Wx',
      someoneElse: 'other-tool-12345',
      similar: `birgemiz-imports-${dead}-Yz34Ab`,
    };
    for (const d of Object.values(dirs)) fs.mkdirSync(path.join(tmp, d));
    fs.writeFileSync(path.join(tmp, dirs.dead, 'upload'), 'x');
    daysAgo(path.join(tmp, dirs.aliveButOld), 2);
    daysAgo(path.join(tmp, dirs.olderFormatOld), 2);
    // A file, not a directory, with the same name shape: not an upload directory.
    fs.writeFileSync(path.join(tmp, `birgemiz-import-${dead}-Cd56Ef`), 'x');

    const removed = await removeUploadLeftovers();
    expect(removed.map((p) => path.basename(p)).sort()).toEqual(
      [dirs.dead, dirs.aliveButOld, dirs.olderFormatOld].sort(),
    );
    expect(names()).toEqual(
      [
        dirs.alive,
        dirs.own,
        dirs.olderFormat,
        dirs.someoneElse,
        dirs.similar,
        `birgemiz-import-${dead}-Cd56Ef`,
      ].sort(),
    );
  });

  it("removes the exports a killed server was writing to the temporary directory, not a live one's", async () => {
    const dead = deadPid();
    const files = {
      dead: `.birgemiz-export-${dead}-1765000000000-k3j4h5`,
      own: `.birgemiz-export-${process.pid}-1765000000000-a1b2c3`,
      alive: `.birgemiz-export-${process.ppid}-1765000000000-d4e5f6`,
      aliveButOld: `.birgemiz-export-${process.ppid}-1765000000001-g7h8i9`,
      someoneElse: `.other-export-${dead}-1-x`,
    };
    for (const f of Object.values(files)) fs.writeFileSync(path.join(tmp, f), 'region,period\n');
    daysAgo(path.join(tmp, files.aliveButOld), 2);
    const removed = await removeUploadLeftovers();
    expect(removed.map((p) => path.basename(p)).sort()).toEqual([files.dead, files.aliveButOld].sort());
    expect(names()).toEqual([files.own, files.alive, files.someoneElse].sort());
  });

  it('an upload directory of this process carries its id; a missing temporary directory is no error', async () => {
    const dir = await makeUploadDir();
    expect(path.basename(dir)).toMatch(new RegExp(`^birgemiz-import-${process.pid}-[A-Za-z0-9]{6}$`));
    expect(await removeUploadLeftovers()).toEqual([]);
    process.env.TMPDIR = path.join(tmp, 'missing');
    expect(await removeUploadLeftovers()).toEqual([]);
  });
});
