// `npm start` builds the web application (src/web, Vite) into dist/web when the build is missing or
// older than any of its sources, and the server then serves it. BIRGEMIZ_SKIP_WEB_BUILD=1 skips the
// build (serving whatever build exists), for deployments that ship a prebuilt dist/web.
// Several processes may start at once (tests, the benchmark): a lock directory serialises builds.
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const SOURCE_DIRS = ['src/web', 'src/i18n', 'src/domain'];
const SOURCE_FILES = ['vite.config.ts', 'src/web-build.ts'];
const COMPRESSIBLE = /\.(js|css|html|json|svg|geojson|txt)$/;

function newestMtime(root: string): number {
  let newest = 0;
  const visit = (p: string) => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p))
        if (name !== 'node_modules' && name !== 'dist') visit(path.join(p, name));
    } else newest = Math.max(newest, st.mtimeMs);
  };
  for (const d of SOURCE_DIRS) visit(path.join(root, d));
  for (const f of SOURCE_FILES) visit(path.join(root, f));
  return newest;
}

export function webBuildIsFresh(root: string): boolean {
  const index = path.join(root, 'dist', 'web', 'index.html');
  if (!fs.existsSync(index)) return false;
  return fs.statSync(index).mtimeMs >= newestMtime(root);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withLock<T>(lockDir: string, fn: () => Promise<T>): Promise<T> {
  fs.mkdirSync(path.dirname(lockDir), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch {
      // A lock older than five minutes is left over from a killed build.
      const age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 300_000) fs.rmSync(lockDir, { recursive: true, force: true });
      if (Date.now() - started > 600_000) throw new Error(`web build lock ${lockDir} held too long`);
      await sleep(250);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** Writes .gz and .br beside every text asset so the server can send them precompressed. */
async function precompress(dir: string): Promise<void> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    const data = fs.readFileSync(file);
    if (data.length < 1024) continue;
    fs.writeFileSync(`${file}.gz`, await gzip(data, { level: 9 }));
    fs.writeFileSync(
      `${file}.br`,
      await brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }),
    );
  }
}

/** Builds when needed; returns the directory to serve, or undefined when there is nothing to serve. */
export async function ensureWebBuild(root: string): Promise<string | undefined> {
  const dist = path.join(root, 'dist', 'web');
  const built = () => (fs.existsSync(path.join(dist, 'index.html')) ? dist : undefined);
  if (process.env.BIRGEMIZ_SKIP_WEB_BUILD === '1' || webBuildIsFresh(root)) return built();
  return withLock(path.join(root, 'dist', '.web-build.lock'), async () => {
    if (webBuildIsFresh(root)) return dist; // another process built it while we waited
    let vite: typeof import('vite');
    try {
      vite = await import('vite');
    } catch {
      console.warn(
        'Vite is not installed (production install without devDependencies): serving the existing build.',
      );
      return built();
    }
    const started = Date.now();
    // Always a production build: Vite takes NODE_ENV from the environment when it is set, and the
    // test runner sets it to "test", which would ship React's development build (and its size).
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await vite.build({
        configFile: path.join(root, 'vite.config.ts'),
        mode: 'production',
        logLevel: 'warn',
      });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    await precompress(dist);
    console.log(`Built the web application in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return dist;
  });
}
