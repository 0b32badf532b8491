// The registry mirror of this workplace serves only the linux-x64 builds of packages that ship
// per-platform binaries (Biome, DuckDB), so `npm install` leaves the other platforms' optional
// dependencies out of package-lock.json and `npm ci` then refuses the lock as "out of sync".
// This adds those entries back, with the os/cpu/libc that npm uses to skip them on this machine.
// Run after `npm install` changes the lock: node scripts/lock-platform-stubs.mjs
import fs from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const pkgs = lock.packages;
let added = 0;
for (const [path, meta] of Object.entries(pkgs)) {
  for (const [name, range] of Object.entries(meta.optionalDependencies ?? {})) {
    const where = `node_modules/${name}`;
    if (pkgs[where] || pkgs[`${path}/${where}`]) continue;
    const m = name.match(/-(android|darwin|linux|win32|freebsd)-(arm64|x64|ia32|arm)(-(musl|gnu))?$/);
    if (!m) continue;
    pkgs[where] = {
      version: range.replace(/^[\^~=]/, ''),
      dev: meta.dev || undefined,
      optional: true,
      os: [m[1]],
      cpu: [m[2]],
      ...(m[4] ? { libc: [m[4]] } : m[1] === 'linux' ? { libc: ['glibc'] } : {}),
    };
    added++;
  }
}
lock.packages = Object.fromEntries(Object.entries(pkgs).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : 1)));
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} platform entries`);
