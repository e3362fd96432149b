import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Baton's folders (and `worker.ts`), lowest first. A module imports only modules of the layers
 * below its own, never one of its own layer nor above. `import type` counts like any import: a
 * type that two layers share belongs to the lower one (the instance view both the interpreter
 * and the forecast read lives in plan/). README's Architecture section states the same layers.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['plan', 'language', 'errors'],
  ['validation', 'forecast', 'db', 'infra'],
  ['compiler', 'activities'],
  ['calendars', 'workflows'],
  ['engine', 'worker'],
  ['channels'],
  ['api'],
  ['cli'],
  ['bin', 'test'],
  ['bench'],
];

interface Import {
  readonly file: string;
  readonly specifier: string;
  readonly typeOnly: boolean;
}

/** Static imports and re-exports (`type` or not), side-effect imports, `import()` and `require()`. */
function importsOf(file: string): Import[] {
  const source = fs.readFileSync(file, 'utf8');
  const statements = [...source.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)].map((match) => ({
    file,
    specifier: match[2] ?? '',
    typeOnly: Boolean(match[1]),
  }));
  const calls = [...source.matchAll(/(?:^import\s+|\bimport\(\s*|\brequire\(\s*)'([^']+)'/gm)].map((match) => ({
    file,
    specifier: match[1] ?? '',
    typeOnly: false,
  }));
  return [...statements, ...calls];
}

/**
 * Every .ts and .js file of the repository outside node_modules and Baton's local state, and
 * outside the web app (`web/`, checked on its own below: it talks to Baton over HTTP only).
 */
function sourceFiles(folder = ''): string[] {
  return fs
    .readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|js)$/.test(file) && !/(^|[\\/])(node_modules|\.baton)[\\/]/.test(file))
    .filter((file) => folder !== '' || !file.startsWith(`web${path.sep}`))
    .map((file) => path.join(ROOT, folder, file));
}

/** The top-level folder a path is in, or the root file's name without extension (`worker`). */
function moduleOf(relative: string): string {
  const [first = ''] = relative.split(path.sep);
  return first.replace(/\.(ts|js|json)$/, '');
}

function targetOf({ file, specifier }: Import): string {
  return path.relative(ROOT, path.resolve(path.dirname(file), specifier));
}

const layerOf = new Map(LAYERS.flatMap((modules, index) => modules.map((name): [string, number] => [name, index])));

describe('dependencies', () => {
  const relativeImports = sourceFiles()
    .flatMap(importsOf)
    .filter(({ specifier }) => specifier.startsWith('.'));

  it('come from and go to modules placed in a layer', () => {
    const modules = new Set(
      relativeImports.flatMap((entry) => [moduleOf(path.relative(ROOT, entry.file)), moduleOf(targetOf(entry))]),
    );
    expect([...modules].filter((name) => !layerOf.has(name))).toEqual([]);
  });

  it('point down the layers only (type imports too)', () => {
    const offending = relativeImports
      .filter((entry) => {
        const from = moduleOf(path.relative(ROOT, entry.file));
        const to = moduleOf(targetOf(entry));
        return from !== to && (layerOf.get(to) ?? Number.POSITIVE_INFINITY) >= (layerOf.get(from) ?? -1);
      })
      .map((entry) => `${path.relative(ROOT, entry.file)} imports ${entry.specifier}`);
    expect(offending).toEqual([]);
  });
});

/**
 * Workflow code runs in Temporal's deterministic sandbox and must replay identically: it may
 * use only the workflow SDK, the expression interpreter, the plan and its own folder. The
 * Biome rule catches the usual offenders as you type; this allow-list catches the rest.
 */
describe('workflow code', () => {
  const allowedPackages = ['@temporalio/workflow', '@temporalio/common', 'jsonata', 'jsonata-sync'];

  for (const folder of ['workflows', 'plan']) {
    it(`in ${folder}/ imports only the workflow SDK, jsonata, plan/ and workflows/ (activities as types)`, () => {
      const offending = sourceFiles(folder)
        .flatMap(importsOf)
        .filter((entry) => {
          if (allowedPackages.includes(entry.specifier)) return false;
          if (!entry.specifier.startsWith('.')) return true;
          const target = targetOf(entry);
          if (target === path.join('activities', 'contract')) return !entry.typeOnly;
          return !(target.startsWith(`plan${path.sep}`) || target.startsWith(`workflows${path.sep}`));
        })
        .map(({ file, specifier }) => `${path.relative(ROOT, file)} imports ${specifier}`);
      expect(offending).toEqual([]);
    });
  }
});

/**
 * The web app (`web/`) is a client of the API like any other: it reaches Baton over HTTP, never
 * through its modules, so no relative import leaves `web/` (its built output aside).
 */
describe('web app', () => {
  const webFiles = fs
    .readdirSync(path.join(ROOT, 'web'), { recursive: true, encoding: 'utf8' })
    .filter(
      (file) => /\.(ts|tsx|mts|js|mjs|jsx)$/.test(file) && !/^(dist|dist-[\w-]+|node_modules)([\\/]|$)/.test(file),
    )
    .map((file) => path.join(ROOT, 'web', file));

  it('has source files to check', () => {
    expect(webFiles.length).toBeGreaterThan(0);
  });

  it('imports nothing outside web/ but packages', () => {
    const offending = webFiles
      .flatMap(importsOf)
      .filter(({ specifier }) => specifier.startsWith('.') || specifier.startsWith('/'))
      .filter((entry) => targetOf(entry).startsWith('..') || !targetOf(entry).startsWith(`web${path.sep}`))
      .map(({ file, specifier }) => `${path.relative(ROOT, file)} imports ${specifier}`);
    expect(offending).toEqual([]);
  });

  it('is imported by no module of the backend', () => {
    const offending = sourceFiles()
      .flatMap(importsOf)
      .filter((entry) => entry.specifier.startsWith('.') && targetOf(entry).startsWith(`web${path.sep}`))
      .map(({ file, specifier }) => `${path.relative(ROOT, file)} imports ${specifier}`);
    expect(offending).toEqual([]);
  });
});
