// Bundles the `vanthu` command line (daemon/dist, compiled by `tsc -b`) into daemon/bundle/ with
// esbuild, so that a command starts by reading a few files instead of resolving and compiling
// hundreds of modules. Part of `npm run build`; `--if-stale` rebuilds only when daemon/dist or
// shared/dist changed since the last bundle (the test set-up runs it so).
//
// Layout rules the code relies on:
// - flat: the entries and every chunk sit directly in daemon/bundle/, one level below daemon/, as
//   daemon/dist/daemon-dir.js does (daemon-dir.ts finds fonts, package.json and the bin from there);
// - the worker entries keep their file names (verify-worker.js, text-worker.js, pkcs11-worker.js,
//   input-hash-worker.js): their pools start `./<name>.js` beside their own module;
// - ESM with code splitting: each command's dynamic import() stays its own chunk, loaded only when
//   that command runs;
// - every @peculiar package inside the bundle, once: asn1-schema keeps its schemas in a global
//   storage keyed by class, so a second copy would not know the first one's classes;
// - native and heavy packages, and those that read files beside their own code, stay in
//   node_modules (EXTERNAL).
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'daemon', 'bundle');
/** Written last: its time is the bundle's, and its content maps each output file to its inputs. */
const META = 'meta.json';

const ENTRIES = {
  main: 'daemon/dist/cli/main.js',
  'verify-worker': 'daemon/dist/verify/worker/verify-worker.js',
  'text-worker': 'daemon/dist/pdf/text/text-worker.js',
  'pkcs11-worker': 'daemon/dist/token/worker/pkcs11-worker.js',
  'input-hash-worker': 'daemon/dist/pdf/sign/input-hash-worker.js',
};

const ENTRY_FILES = new Set(Object.keys(ENTRIES).map((name) => `${name}.js`));

const EXTERNAL = [
  // native addons
  'pkcs11js',
  'better-sqlite3',
  '@napi-rs/keyring',
  'canvas',
  '@napi-rs/canvas',
  // heavy, loaded only by the commands that need them
  'pdfjs-dist',
  'pg',
  'pg-native',
  // read data files beside their own code (fontkit's tables) or probe optional natives (ws)
  'fontkit',
  'ws',
];

/** Newest modification time of the .js files under a directory (0 when there is none). */
function newestJs(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.js')) {
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

function isStale() {
  const meta = join(outdir, META);
  if (!existsSync(meta)) return true;
  const built = statSync(meta).mtimeMs;
  return [join(root, 'daemon', 'dist'), join(root, 'shared', 'dist')].some((dir) => newestJs(dir) > built);
}

/** Output file names of a bundle, from its meta.json ([] when there is none). */
function filesOf(dir) {
  const meta = join(dir, META);
  return existsSync(meta) ? Object.keys(JSON.parse(readFileSync(meta, 'utf8'))) : [];
}

async function bundle() {
  const tmp = `${outdir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: ENTRIES,
    outdir: tmp,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // CommonJS inside the bundle may require() Node's built-ins; ESM output has no `require` of its own.
    banner: {
      js: "import { createRequire as __vanthuCreateRequire } from 'node:module'; const require = __vanthuCreateRequire(import.meta.url);",
    },
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const files = {};
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    if (file.endsWith('.js')) files[basename(file)] = Object.keys(output.inputs);
  }
  // Swapped in file by file, content-hashed chunks before the entries that import them, so that a
  // `vanthu` already running (tests run many at once) finds every chunk its entry names. The
  // previous build's files stay one more round for the same reason; older ones go.
  const previous = new Set(filesOf(outdir));
  const names = Object.keys(files).sort((a, b) => Number(ENTRY_FILES.has(a)) - Number(ENTRY_FILES.has(b)));
  for (const name of names) renameSync(join(tmp, name), join(outdir, name));
  writeFileSync(join(tmp, META), `${JSON.stringify(files, null, 1)}\n`);
  renameSync(join(tmp, META), join(outdir, META));
  rmSync(tmp, { recursive: true, force: true });
  for (const name of readdirSync(outdir)) {
    if (name !== META && !(name in files) && !previous.has(name)) rmSync(join(outdir, name), { force: true });
  }
}

if (!process.argv.includes('--if-stale') || isStale()) await bundle();
