import fs from 'node:fs';
import path from 'node:path';
import { DATA_FILE_NAME, type DataFile, type DataFileReader } from './imports';

const EXTENSION = '.yaml';
/** A file that is not there, or not a file: the import names nothing. */
const MISSING = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

/**
 * The `readDataFile` compile option for a directory of data files: `imports: [equipment-catalogue]`
 * reads `<directory>/equipment-catalogue.yaml`. Names outside the import form (`../x`) read nothing.
 */
export function dataFileReader(directory: string): DataFileReader {
  const read = (name: string): DataFile | undefined => {
    if (!DATA_FILE_NAME.test(name)) return undefined;
    const file = path.join(directory, `${name}${EXTENSION}`);
    try {
      return { file, source: fs.readFileSync(file, 'utf8') };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  };
  const names = (): readonly string[] => {
    try {
      return fs
        .readdirSync(directory)
        .filter((entry) => entry.endsWith(EXTENSION))
        .map((entry) => entry.slice(0, -EXTENSION.length))
        .filter((name) => DATA_FILE_NAME.test(name))
        .sort();
    } catch (error) {
      if (isMissing(error)) return [];
      throw error;
    }
  };
  return Object.assign(read, { names });
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && MISSING.has(String(error.code));
}
