import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/test-baton';

/** The most JavaScript (gzipped) the inbox may load: staff open it all day, often on a slow network. */
const INBOX_BUDGET_BYTES = 250 * 1024;

const DIST = path.join(REPO_ROOT, 'web', 'dist');

interface ManifestChunk {
  readonly file: string;
  readonly src?: string;
  readonly name?: string;
  readonly imports?: readonly string[];
}

/** Vite's build manifest (web/vite.config.mts: `manifest: true`), built by the run's global setup. */
function manifest(): Readonly<Record<string, ManifestChunk>> {
  return JSON.parse(fs.readFileSync(path.join(DIST, '.vite', 'manifest.json'), 'utf8'));
}

/** The chunks a route's first visit loads: the entry and the page's chunk, with what they import statically. */
function chunksOf(chunks: Readonly<Record<string, ManifestChunk>>, entries: readonly string[]): ManifestChunk[] {
  const seen = new Map<string, ManifestChunk>();
  const visit = (key: string) => {
    const chunk = chunks[key];
    if (!chunk) throw new Error(`the build manifest has no ${key}`);
    if (seen.has(key)) return;
    seen.set(key, chunk);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const entry of entries) visit(entry);
  return [...seen.values()];
}

function gzippedSize(chunk: ManifestChunk): number {
  return gzipSync(fs.readFileSync(path.join(DIST, chunk.file))).length;
}

describe('the web app bundle', () => {
  it(`keeps the inbox route within ${INBOX_BUDGET_BYTES / 1024} KB of JavaScript, gzipped`, () => {
    const chunks = chunksOf(manifest(), ['index.html', 'src/pages/inbox.tsx']);
    const sizes = chunks.map((chunk) => ({ file: chunk.file, gzipped: gzippedSize(chunk) }));
    const total = sizes.reduce((sum, { gzipped }) => sum + gzipped, 0);
    console.log(
      `inbox route: ${(total / 1024).toFixed(1)} KB gzipped (${sizes.map((size) => `${size.file} ${(size.gzipped / 1024).toFixed(1)} KB`).join(', ')})`,
    );
    expect(total).toBeLessThanOrEqual(INBOX_BUDGET_BYTES);
  });

  it('loads the form renderer (rjsf) only with the pages that show a form', () => {
    const chunks = manifest();
    const inbox = chunksOf(chunks, ['index.html', 'src/pages/inbox.tsx']).map((chunk) => chunk.file);
    const formPages = ['src/pages/task.tsx', 'src/pages/request-form.tsx'];
    const formChunks = formPages.flatMap((page) => chunksOf(chunks, [page]).map((chunk) => chunk.file));
    const renderer = formChunks.filter((file) => /schema-form/.test(file));
    expect(renderer.length).toBeGreaterThan(0);
    expect(inbox.filter((file) => renderer.includes(file))).toEqual([]);
    // rjsf's own markers (its uiSchema keys), wherever the bundler might have put its code.
    for (const file of renderer) expect(fs.readFileSync(path.join(DIST, file), 'utf8'), file).toContain('ui:widget');
    for (const file of inbox) expect(fs.readFileSync(path.join(DIST, file), 'utf8'), file).not.toContain('ui:widget');
  });
});
