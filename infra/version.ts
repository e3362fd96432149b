import fs from 'node:fs';
import path from 'node:path';

/** Baton's version, as package.json states it: in `/openapi.json` and what the CLI reports. */
export const BATON_VERSION: string = (
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')) as { version: string }
).version;
