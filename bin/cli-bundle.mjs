// The CLI runs from a bundle of its TypeScript sources: dist/cli/<build>/main.js, built by esbuild
// (a dependency of tsx and vite) in about a quarter of a second on first use and again whenever one
// of the files it was built from changes. A bundle starts in a fraction of the time tsx takes to
// compile the sources on every run. Commands are split into chunks loaded on use, so --help loads
// almost nothing. Without esbuild, or with BIRGEMIZ_CLI_TSX=1, the CLI runs through tsx as before.
// `npm run build:cli` builds it ahead of time (for example in an image).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), '..');
const outRoot = path.join(root, 'dist', 'cli');
const manifestFile = path.join(outRoot, 'manifest.json');
const LOADERS = { '.ts': 'ts', '.tsx': 'tsx', '.mts': 'ts', '.js': 'js', '.mjs': 'js', '.json': 'json' };

const stamp = (file) => {
  const st = fs.statSync(file, { throwIfNoEntry: false });
  return st ? `${st.mtimeMs}:${st.size}` : null;
};

function readManifest() {
  try {
    return JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  } catch {
    return null;
  }
}

/** Built here, by this builder, from the files as they are now. */
function isFresh(m) {
  if (!m || m.root !== root || m.builder !== stamp(self)) return false;
  if (!['main.js', 'records.worker.js'].every((f) => fs.existsSync(path.join(outRoot, m.dir, f)))) return false;
  return Object.entries(m.inputs).every(([rel, s]) => stamp(path.join(root, rel)) === s);
}

export async function buildCli() {
  const { build } = await import('esbuild');
  const inputs = {};
  // Each source is stamped as it is read (an edit during the build makes the next run rebuild), and
  // its import.meta.url is the source's own, so that files it finds relative to itself are found.
  const sources = {
    name: 'birgemiz-sources',
    setup(b) {
      b.onLoad({ filter: /\.(ts|tsx|mts|js|mjs|json)$/ }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        inputs[path.relative(root, args.path)] = stamp(args.path);
        let contents = fs.readFileSync(args.path, 'utf8');
        if (contents.includes('import.meta.'))
          contents = contents
            .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
            .replaceAll('import.meta.dirname', JSON.stringify(path.dirname(args.path)))
            .replaceAll('import.meta.filename', JSON.stringify(args.path));
        return { contents, loader: LOADERS[path.extname(args.path)] ?? 'ts' };
      });
    },
  };
  const dir = `b-${Date.now().toString(36)}-${process.pid}`;
  await build({
    absWorkingDir: root,
    // The import's file reader runs on a worker thread: an entry of its own, which the bundled code
    // finds by the define below (the sources' import.meta.url is their own, not the bundle's).
    entryPoints: { main: 'src/cli/main.ts', 'records.worker': 'src/modules/imports/records.worker.ts' },
    define: { 'globalThis.birgemizCliBundle': JSON.stringify(`${pathToFileURL(path.join(outRoot, dir)).href}/`) },
    outdir: path.join(outRoot, dir),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'error',
    plugins: [sources],
  });
  const manifest = { root, builder: stamp(self), dir, inputs };
  // Several processes may build at once: each into its own directory, the manifest swapped whole.
  const tmp = `${manifestFile}.${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(manifest));
  fs.renameSync(tmp, manifestFile);
  // Builds an hour old are no longer in use (a running command loads its chunks within seconds).
  for (const name of fs.readdirSync(outRoot))
    if (name.startsWith('b-') && name !== dir) {
      const p = path.join(outRoot, name);
      if (Date.now() - fs.statSync(p).mtimeMs > 3_600_000) fs.rmSync(p, { recursive: true, force: true });
    }
  return manifest;
}

/** The CLI's module (its `main`): the bundle, built when missing or stale; else the sources via tsx. */
export async function loadCli() {
  if (process.env.BIRGEMIZ_CLI_TSX !== '1') {
    try {
      let m = readManifest();
      if (!isFresh(m)) m = await buildCli();
      return await import(pathToFileURL(path.join(outRoot, m.dir, 'main.js')).href);
    } catch (err) {
      if (process.env.BIRGEMIZ_DEBUG === '1') console.error('birgemiz: no bundle, running through tsx:', err);
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/cli/main.ts');
}

if (process.argv[1] && path.resolve(process.argv[1]) === self) {
  const m = await buildCli();
  console.log(`CLI bundled into ${path.relative(root, path.join(outRoot, m.dir))}`);
}
