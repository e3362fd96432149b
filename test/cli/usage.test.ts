import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { runMain } from './run-cli';

describe('baton command line usage', () => {
  it('lists the commands on `baton help`: exit 0', async () => {
    const run = await runMain(['help']);
    for (const command of ['validate', 'deploy', 'start', 'status', 'tasks', 'complete']) {
      expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
    expect(run.code).toBe(0);
  });

  it('suggests the command meant by a typo: exit 2', async () => {
    const run = await runMain(['valdate', 'x.yaml']);
    expect(run.stderr).toContain('unknown command "valdate"');
    expect(run.stderr).toContain('did you mean "validate"?');
    expect(run.code).toBe(2);
  });

  it('refuses an unknown flag and points to the command help: exit 2', async () => {
    const run = await runMain(['tasks', '--departement', 'hr']);
    expect(run.stderr).toContain("tasks: Unknown option '--departement'");
    expect(run.stderr).toContain('baton tasks --help');
    expect(run.code).toBe(2);
  });

  it('says the server is not reachable at its address and how to start one: exit 1', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await runMain(['tasks'], { BATON_URL: url });
    expect(run.stderr).toContain(`the Baton server is not reachable at ${url}`);
    expect(run.stderr).toContain('npm start');
    expect(run.code).toBe(1);
  });
});

/** A port nothing listens on: taken, then freed. */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
