// Builds the web app (Vite) into web/dist unless the build there was made from the current
// sources. `npm start` (prestart) and the test run (vitest's global setup) call it, so it must
// cost nothing when nothing changed: it hashes web/'s sources and package-lock.json and compares
// with the hash the last build recorded. `--force` builds anyway (`npm run build:web`).
//
// A build goes to a folder of its own, then replaces web/dist in two renames, so a running API
// never serves half a build and two builds at once never write into the same folder.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(WEB);
const DIST = path.join(WEB, 'dist');
const STAMP = '.sources-hash';
/** Not sources: the build's output, builds in progress, and the stamp's own folder. */
const SKIPPED = /^(dist|dist-building-\d+|dist-old-\d+|node_modules)$/;

function sourceFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !(dir === WEB && SKIPPED.test(entry.name)))
    .flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(file);
      return entry.isFile() ? [file] : [];
    });
}

function sourcesHash() {
  const hash = createHash('sha256');
  const files = [...sourceFiles(WEB), path.join(ROOT, 'package-lock.json')].sort();
  for (const file of files) {
    hash.update(path.relative(ROOT, file));
    hash.update('\0');
    hash.update(fs.existsSync(file) ? fs.readFileSync(file) : Buffer.alloc(0));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function builtHash() {
  try {
    return fs.readFileSync(path.join(DIST, STAMP), 'utf8').trim();
  } catch {
    return null;
  }
}

async function loadVite() {
  try {
    return await import('vite');
  } catch {
    return null;
  }
}

function renameUnlessRaced(from, to, racedCodes) {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if (!racedCodes.includes(error?.code)) throw error;
  }
}

export async function buildWebIfStale({ force = false, log = console.log } = {}) {
  const hash = sourcesHash();
  if (!force && builtHash() === hash && fs.existsSync(path.join(DIST, 'index.html'))) return false;
  const vite = await loadVite();
  if (!vite) {
    // An install without devDependencies: the API still runs, /app answers 503 saying what to do.
    log('web app: not built (Vite is not installed: run `npm ci`, then `npm run build:web`)');
    return false;
  }
  const started = Date.now();
  const building = path.join(WEB, `dist-building-${process.pid}`);
  const old = path.join(WEB, `dist-old-${process.pid}`);
  fs.rmSync(building, { recursive: true, force: true });
  // A test run sets NODE_ENV=test, with which Vite would bundle React's development build.
  process.env.NODE_ENV = 'production';
  try {
    await vite.build({
      root: WEB,
      mode: 'production',
      configFile: path.join(WEB, 'vite.config.mts'),
      logLevel: 'warn',
      build: { outDir: building, emptyOutDir: true },
    });
    fs.writeFileSync(path.join(building, STAMP), `${hash}\n`);
    // Another build (a second `npm start`, a test run) may swap its own in meanwhile: the same sources.
    renameUnlessRaced(DIST, old, ['ENOENT']);
    renameUnlessRaced(building, DIST, ['ENOTEMPTY', 'EEXIST']);
  } finally {
    fs.rmSync(building, { recursive: true, force: true });
    fs.rmSync(old, { recursive: true, force: true });
  }
  log(`web app: built into web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildWebIfStale({ force: process.argv.includes('--force') }).catch((error) => {
    console.error(`web app: the build failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
