import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ServiceStartError } from '../errors';
import type { PostgresBinaries } from './postgres-binaries';

/** The system user Postgres runs as when Baton runs as root (Postgres refuses to run as root). */
export interface SystemUser {
  readonly uid: number;
  readonly gid: number;
}

export interface PostgresPlacement {
  readonly user: SystemUser;
  /** Where the cluster actually lives: the requested folder, or a shared one it links to. */
  readonly clusterDir: string;
  readonly binariesDir: string;
}

/**
 * Root-owned (0755) and persistent, unlike the temporary folder: where the cluster and the binaries go
 * when the `postgres` user cannot reach them where they are (a project under /root, which is 0700).
 */
export const SHARED_POSTGRES_ROOT = '/var/lib/baton';

/**
 * As root, Postgres runs as the `postgres` user (created if missing), who must reach its binaries and
 * its cluster's parent folder. What it cannot reach is placed under SHARED_POSTGRES_ROOT: the binaries
 * copied once per version, the cluster in a folder named after the requested one, which becomes a
 * symbolic link to it (so the data dir still shows where its cluster is).
 */
export function placeForPostgresUser(
  clusterDir: string,
  binaries: PostgresBinaries,
  log: (line: string) => void,
): PostgresPlacement {
  const user = postgresSystemUser();
  const binariesDir = canReach(user, path.join(binaries.dir, 'bin', 'postgres'))
    ? binaries.dir
    : copyBinaries(binaries, user, log);
  const reachableCluster = canReach(user, path.dirname(clusterDir))
    ? clusterDir
    : relocatedCluster(clusterDir, user, log);
  return { user, clusterDir: reachableCluster, binariesDir };
}

/** Asks the system itself, as that user: mode bits, ACLs and groups all count. */
export function canReach(user: SystemUser, target: string): boolean {
  const test = spawnSync('/bin/sh', ['-c', 'test -x "$1"', 'sh', target], {
    uid: user.uid,
    gid: user.gid,
    stdio: 'ignore',
  });
  return test.status === 0;
}

function postgresSystemUser(): SystemUser {
  const existing = lookUpUser('postgres');
  if (existing) return existing;
  try {
    execFileSync('groupadd', ['--force', '--system', 'postgres'], { stdio: 'pipe' });
    execFileSync('useradd', ['--system', '--gid', 'postgres', 'postgres'], { stdio: 'pipe' });
  } catch (error) {
    throw new ServiceStartError(
      'postgres',
      `Postgres cannot run as root and the \`postgres\` user could not be created (${String(error)}). Create it (useradd --system postgres), run Baton as another user, or set DATABASE_URL`,
    );
  }
  const created = lookUpUser('postgres');
  if (!created)
    throw new ServiceStartError('postgres', 'the `postgres` user was created but `id postgres` does not find it');
  return created;
}

function lookUpUser(name: string): SystemUser | null {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    return null;
  }
}

function copyBinaries(binaries: PostgresBinaries, user: SystemUser, log: (line: string) => void): string {
  const copy = path.join(SHARED_POSTGRES_ROOT, `postgres-${binaries.version}-${process.platform}-${process.arch}`);
  if (!fs.existsSync(path.join(copy, 'bin', 'postgres'))) {
    makeSharedRoot(`the postgres user cannot reach the PostgreSQL binaries in ${binaries.dir}`);
    log(`the postgres user cannot reach ${binaries.dir}: copying the PostgreSQL binaries to ${copy}...`);
    // Copied aside then renamed: a half-finished copy is never taken for a whole one.
    const partial = `${copy}.partial-${process.pid}`;
    fs.cpSync(binaries.dir, partial, { recursive: true, verbatimSymlinks: true });
    try {
      fs.renameSync(partial, copy);
    } catch (error) {
      fs.rmSync(partial, { recursive: true, force: true });
      if (!fs.existsSync(path.join(copy, 'bin', 'postgres'))) throw error;
    }
  }
  if (!canReach(user, path.join(copy, 'bin', 'postgres'))) {
    throw unreachable(`the PostgreSQL binaries copied to ${copy}`);
  }
  return copy;
}

function relocatedCluster(clusterDir: string, user: SystemUser, log: (line: string) => void): string {
  const existing = fs.lstatSync(clusterDir, { throwIfNoEntry: false });
  if (existing?.isSymbolicLink()) {
    const target = path.resolve(path.dirname(clusterDir), fs.readlinkSync(clusterDir));
    if (!canReach(user, path.dirname(target))) throw unreachable(`the cluster ${target} that ${clusterDir} links to`);
    return target;
  }
  if (existing) {
    throw new ServiceStartError(
      'postgres',
      `the postgres user cannot reach the cluster in ${clusterDir}. Let every user traverse its parent folders (chmod o+x on each), or move it to ${SHARED_POSTGRES_ROOT}/ and replace it with a symbolic link, or set DATABASE_URL`,
    );
  }
  makeSharedRoot(`the postgres user cannot reach ${path.dirname(clusterDir)}`);
  const clusters = path.join(SHARED_POSTGRES_ROOT, 'clusters');
  fs.mkdirSync(clusters, { recursive: true, mode: 0o755 });
  const target = path.join(clusters, createHash('sha256').update(clusterDir).digest('hex').slice(0, 16));
  // No link means the data dir was deleted (a reset): the old cluster must not come back with a new Temporal.
  if (fs.existsSync(target)) {
    log(`removing the cluster of a deleted ${clusterDir} in ${target}`);
    fs.rmSync(target, { recursive: true, force: true });
  }
  log(`the postgres user cannot reach ${path.dirname(clusterDir)}: the cluster lives in ${target}`);
  fs.symlinkSync(target, clusterDir);
  return target;
}

function makeSharedRoot(why: string): void {
  try {
    fs.mkdirSync(SHARED_POSTGRES_ROOT, { recursive: true, mode: 0o755 });
    fs.chmodSync(SHARED_POSTGRES_ROOT, 0o755);
  } catch (error) {
    throw new ServiceStartError(
      'postgres',
      `${why}, and ${SHARED_POSTGRES_ROOT} could not be created for it (${String(error)}). Move the project to a folder every user can traverse (e.g. /srv or /opt), or set DATABASE_URL`,
    );
  }
}

function unreachable(what: string): ServiceStartError {
  return new ServiceStartError(
    'postgres',
    `the postgres user cannot reach ${what}: let every user traverse ${SHARED_POSTGRES_ROOT} and its parents (chmod o+x), or set DATABASE_URL`,
  );
}
