import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../../infra/embedded-postgres';
import { findFreePort } from '../../infra/ports';
import { canReach, placeForPostgresUser, SHARED_POSTGRES_ROOT } from '../../infra/postgres-as-root';
import { findPostgresBinaries } from '../../infra/postgres-binaries';

const runningAsRoot = process.getuid?.() === 0;

/** A folder only root can enter, as /root is: the `postgres` user cannot traverse it. */
function privateFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-private-'));
  fs.chmodSync(dir, 0o700);
  return dir;
}

describe.runIf(runningAsRoot)('the embedded Postgres, as root', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('runs a cluster whose data dir is under a folder the postgres user cannot traverse, twice', async () => {
    const folder = privateFolder();
    cleanups.push(() => fs.rmSync(folder, { recursive: true, force: true }));
    const dataDir = path.join(folder, '.baton', 'postgres');
    const options = { dataDir, port: await findFreePort(), database: 'baton' };

    const first = await startEmbeddedPostgres(options);
    const linkedCluster = fs.realpathSync(dataDir);
    cleanups.push(() => fs.rmSync(linkedCluster, { recursive: true, force: true }));
    await insertRow(first.url, 'CREATE TABLE kept (value text); INSERT INTO kept VALUES ($$before the restart$$)');
    await first.stop();
    expect(linkedCluster.startsWith(`${SHARED_POSTGRES_ROOT}/clusters/`)).toBe(true);

    const second = await startEmbeddedPostgres(options);
    cleanups.push(() => second.stop());
    const client = new Client({ connectionString: second.url });
    await client.connect();
    const { rows } = await client.query('SELECT value FROM kept');
    await client.end();
    expect(rows).toEqual([{ value: 'before the restart' }]);
  }, 120_000);

  it('copies the binaries where the postgres user can run them when it cannot reach the installed ones', () => {
    const folder = privateFolder();
    cleanups.push(() => fs.rmSync(folder, { recursive: true, force: true }));
    const installed = findPostgresBinaries();
    const unreachable = path.join(folder, 'native');
    fs.cpSync(installed.dir, unreachable, { recursive: true, verbatimSymlinks: true });
    const version = `test-${randomBytes(4).toString('hex')}`;

    const placement = placeForPostgresUser(
      path.join(os.tmpdir(), 'unused-cluster'),
      { dir: unreachable, version },
      () => {},
    );
    cleanups.push(() => fs.rmSync(placement.binariesDir, { recursive: true, force: true }));

    expect(canReach(placement.user, path.join(unreachable, 'bin', 'postgres'))).toBe(false);
    expect(placement.binariesDir).toBe(
      path.join(SHARED_POSTGRES_ROOT, `postgres-${version}-${process.platform}-${process.arch}`),
    );
    expect(canReach(placement.user, path.join(placement.binariesDir, 'bin', 'initdb'))).toBe(true);
  });
});

async function insertRow(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(sql);
  await client.end();
}
