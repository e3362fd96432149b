import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { findTemporalCli } from '../../infra/temporal-dev-server';

export const HISTORIES_DIR = path.resolve(__dirname, '..', 'histories');

/**
 * With BATON_RECORD_HISTORIES=1, saves an instance's Temporal history under test/histories/
 * so the replay test checks that later workflow code still replays it. Commit the files.
 * The Temporal CLI writes the same JSON the replayer reads.
 */
export function recordHistory(instanceId: string, name: string): void {
  if (process.env.BATON_RECORD_HISTORIES !== '1') return;
  const json = execFileSync(
    findTemporalCli(process.env.TEMPORAL_CLI_PATH ?? null),
    ['workflow', 'show', '--workflow-id', instanceId, '--address', inject('temporalAddress'), '--output', 'json'],
    { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
  );
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  fs.writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), json);
}
