import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

/** Every `import ... from '<specifier>'` of a file, with whether it is type-only. */
function importsOf(file: string): { specifier: string; typeOnly: boolean }[] {
  const source = fs.readFileSync(file, 'utf8');
  return [...source.matchAll(/^import\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)].map((match) => ({
    specifier: match[2] ?? '',
    typeOnly: Boolean(match[1]),
  }));
}

function sourceFiles(folder: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(ROOT, folder, file));
}

/**
 * Workflow code runs in Temporal's deterministic sandbox and must replay identically: it may
 * use only the workflow SDK, the expression interpreter, the plan and its own folder. The
 * Biome rule catches the usual offenders as you type; this allow-list catches the rest.
 */
describe('workflow code', () => {
  const allowedPackages = ['@temporalio/workflow', '@temporalio/common', 'jsonata', 'jsonata-sync'];

  for (const folder of ['workflows', 'plan']) {
    it(`in ${folder}/ imports only the workflow SDK, jsonata, plan/ and workflows/ (activities as types)`, () => {
      const offending = sourceFiles(folder).flatMap((file) =>
        importsOf(file)
          .filter(({ specifier, typeOnly }) => {
            if (allowedPackages.includes(specifier)) return false;
            if (!specifier.startsWith('.')) return true;
            const target = path.relative(ROOT, path.resolve(path.dirname(file), specifier));
            if (target === path.join('activities', 'contract')) return !typeOnly;
            return !(target.startsWith(`plan${path.sep}`) || target.startsWith(`workflows${path.sep}`));
          })
          .map(({ specifier }) => `${path.relative(ROOT, file)} imports ${specifier}`),
      );
      expect(offending).toEqual([]);
    });
  }
});
