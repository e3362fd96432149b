import type { ChildProcess } from 'node:child_process';

const STOP_GRACE_MS = 10_000;

/**
 * Sends a service its clean-stop signal and waits for it to exit; after a grace period its whole
 * process group is killed (services are spawned detached, each leading its own group).
 */
export async function stopService(service: ChildProcess, stopSignal: NodeJS.Signals): Promise<void> {
  if (service.exitCode !== null || service.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => service.once('exit', () => resolve()));
  service.kill(stopSignal);
  const killTimer = setTimeout(() => killGroup(service), STOP_GRACE_MS);
  await exited;
  clearTimeout(killTimer);
}

function killGroup(service: ChildProcess): void {
  try {
    if (service.pid !== undefined) process.kill(-service.pid, 'SIGKILL');
  } catch {
    service.kill('SIGKILL');
  }
}
