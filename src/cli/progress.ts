// A progress bar on stderr for work that takes more than a second; silent when stderr is not a
// terminal unless BIRGEMIZ_PROGRESS=1, so that scripts and --json output stay clean.
// BIRGEMIZ_PROGRESS_AFTER_MS changes the second to wait before the bar shows (the tests use 0).
import type { CliIo } from './types.ts';

export interface Progress {
  update(done: number, total?: number): void;
  finish(): void;
}

export function progressBar(io: CliIo, label: string, opts: { enabled?: boolean } = {}): Progress {
  const out = io.stderr;
  const enabled = opts.enabled ?? (out.isTTY === true || io.env.BIRGEMIZ_PROGRESS === '1');
  const after = Number(io.env.BIRGEMIZ_PROGRESS_AFTER_MS ?? 1000);
  const started = Date.now();
  let last = 0;
  let shown = false;
  const render = (done: number, total?: number) => {
    const secs = (Date.now() - started) / 1000;
    const rate = secs > 0 ? Math.round(done / secs) : 0;
    let line: string;
    if (total && total > 0) {
      const frac = Math.min(1, done / total);
      const width = 30;
      const filled = Math.round(frac * width);
      line = `${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(frac * 100).toFixed(0)}% ${done}/${total}`;
    } else line = `${label} ${done}`;
    line += ` (${rate}/s)`;
    out.write(out.isTTY ? `\r${line}` : `${line}\n`);
    shown = true;
  };
  return {
    update(done, total) {
      if (!enabled) return;
      const now = Date.now();
      if (now - started < after || now - last < 200) return;
      last = now;
      render(done, total);
    },
    finish() {
      if (enabled && shown && out.isTTY) out.write('\n');
    },
  };
}
