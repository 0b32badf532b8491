// Uploaded files are spooled to a directory of their own under the system's temporary directory,
// removed when the import ends. A server killed meanwhile (SIGKILL, a power cut, the OOM killer)
// leaves its directory behind: the next start removes the leftovers. The name carries the
// process id of the server that made it, so that a second server on the same machine removes
// only the directories of servers that are gone, never one an import of a live server is reading.
// The same goes for the exports a server writes to the temporary directory before sending them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PREFIX = 'birgemiz-import-';
/** birgemiz-import-<pid>-<random>: made by makeUploadDir. */
const OURS = /^birgemiz-import-(\d+)-[A-Za-z0-9]{6}$/;
/** birgemiz-import-<random>: made by versions before the process id was in the name. */
const OLDER = /^birgemiz-import-[A-Za-z0-9]{6}$/;
/** .birgemiz-export-<pid>-<ms>-<random>: an export being written to the temporary directory before
 * it is sent (exports/export.service.ts writeToTempFile), a file of its own. */
const EXPORT_FILE = /^\.birgemiz-export-(\d+)-\d+-[a-z0-9]+$/;
/** No import lasts a day: a directory older than that is a leftover whoever made it (its process
 * id may have been taken by another process since). */
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** A new, empty directory for one upload. */
export function makeUploadDir(): Promise<string> {
  return fs.promises.mkdtemp(path.join(os.tmpdir(), `${PREFIX}${process.pid}-`));
}

/**
 * Removes the upload directories, and the exports being written, that servers which are no longer
 * running left in the temporary directory (called once at start). Returns the paths removed; one
 * that cannot be removed is left for the next start.
 */
export async function removeUploadLeftovers(now = Date.now()): Promise<string[]> {
  const tmp = os.tmpdir();
  const removed: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(tmp, { withFileTypes: true });
  } catch {
    return removed;
  }
  for (const e of entries) {
    let pid: string | undefined;
    if (e.isDirectory() && e.name.startsWith(PREFIX)) {
      pid = OURS.exec(e.name)?.[1];
      if (!pid && !OLDER.test(e.name)) continue;
    } else if (e.isFile()) {
      pid = EXPORT_FILE.exec(e.name)?.[1];
      if (!pid) continue;
    } else continue;
    const dir = path.join(tmp, e.name);
    try {
      const old = now - (await fs.promises.stat(dir)).mtimeMs > MAX_AGE_MS;
      if (!old && (!pid || isRunning(Number(pid)))) continue;
      await fs.promises.rm(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // gone meanwhile, or not ours to remove
    }
  }
  return removed;
}

/** Whether a process of that id runs (signal 0 only checks; EPERM: it runs, as another user). */
function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
