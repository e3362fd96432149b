import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = path.resolve(__dirname, '../..');

/** Runs a script in a child Node process, as `npm start` or the test runner would host Baton's services. */
function runScript(script: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('the embedded Postgres', () => {
  it("keeps a failing process's exit code (the test runner's red must stay red)", () => {
    const result = runScript(`
      const fs = require('node:fs'), os = require('node:os'), path = require('node:path');
      const { startEmbeddedPostgres } = require('./infra/embedded-postgres');
      const { findFreePort } = require('./infra/ports');
      (async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-exit-'));
        fs.chmodSync(dir, 0o755);
        const postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), port: await findFreePort(), database: 'x' });
        await postgres.stop();
        fs.rmSync(dir, { recursive: true, force: true });
        process.exitCode = 3;
      })();
    `);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(3);
  });
});
