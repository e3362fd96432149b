import fs from 'node:fs';
import path from 'node:path';
import { describeFsError } from './files';
import { UsageError } from './usage-error';

/**
 * The JSON given by `--<name> <file>` or `--<name>-json '<json>'` (one of them at most);
 * `undefined` when neither is given.
 */
export function readJsonFlag(
  command: string,
  name: string,
  flags: { readonly file?: string; readonly json?: string },
  cwd: string,
): unknown {
  if (flags.file !== undefined && flags.json !== undefined) {
    throw new UsageError(
      `${command}: --${name} and --${name}-json both given`,
      `give the ${name} once, from a file or inline`,
    );
  }
  if (flags.json !== undefined) return parseJson(flags.json, `--${name}-json`, command);
  if (flags.file === undefined) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(cwd, flags.file), 'utf8');
  } catch (error) {
    throw new UsageError(
      `${command}: cannot read ${flags.file}: ${describeFsError(error)}`,
      `--${name} takes the path of a JSON file`,
    );
  }
  return parseJson(text, flags.file, command);
}

function parseJson(text: string, source: string, command: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      `${command}: ${source} is not valid JSON: ${reason}`,
      'write a JSON object, e.g. {"site": "LYO-012"}',
    );
  }
}
