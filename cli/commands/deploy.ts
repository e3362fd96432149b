import { parseArgs } from 'node:util';
import { DeployedDefinition } from '../../api/contract/process-schemas';
import { ApiClient } from './api-client';
import { parseCommandLine, SERVER_FLAGS, SERVER_FLAGS_HELP } from './args';
import type { Command } from './command';
import { readProcessSources } from './files';
import { ProblemError } from './problem-error';
import { ExitCode, problemLines } from './report';
import { serverSettings } from './settings';

export const deployCommand: Command = {
  name: 'deploy',
  summary: 'deploy process files to the server, each as the next version of its key',
  help: `Usage: baton deploy <file|folder>... [--server <url>] [--token <token>] [--json]

Sends each process YAML file (a folder: its *.yaml files) to POST /definitions. A changed file
becomes the next version of its process; an unchanged one keeps its version. Running instances
stay on the version they started with. Needs an owner's (or the admin's) token.

${SERVER_FLAGS_HELP}

Exit code: 0 every file deployed, 1 a file was refused (its errors are printed) or the server
failed, 2 the command line or a file cannot be read.`,

  async run(args, io) {
    const { values, positionals } = parseCommandLine('deploy', () =>
      parseArgs({ args: [...args], options: SERVER_FLAGS, allowPositionals: true, strict: true }),
    );
    const api = new ApiClient(serverSettings(values, io.env));
    const sources = readProcessSources('deploy', positionals, io.cwd);
    const results: unknown[] = [];
    let refused = 0;
    for (const { file, source } of sources) {
      try {
        const answer = await api.post('/definitions', { yaml: source, file }, DeployedDefinition);
        const { key, version } = answer.body;
        const created = answer.status === 201;
        results.push({ file, ...answer.body, created });
        if (!values.json) {
          io.out(`${created ? 'deployed' : 'unchanged'}  ${key} v${version}  ${file}`);
        }
      } catch (error) {
        // A refused definition is this file's problem: say so and go on with the others.
        if (!(error instanceof ProblemError) || error.status !== 422) throw error;
        refused += 1;
        results.push({ file, status: error.status, code: error.code, detail: error.detail, errors: error.errors });
        if (!values.json) for (const line of problemLines(error, file)) io.err(line);
      }
    }
    if (values.json) io.out(JSON.stringify(results, null, 2));
    else if (refused > 0) io.err(`${refused} of ${sources.length} files not deployed`);
    return refused > 0 ? ExitCode.failed : ExitCode.ok;
  },
};
