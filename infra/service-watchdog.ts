import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import type { Writable } from 'node:stream';

/*
 * The local Temporal and Postgres must not outlive the Baton process that started them, however
 * it ends. Baton stops them in order on SIGINT/SIGTERM/SIGHUP; for the rest (kill -9, a fatal
 * error, an out-of-memory kill) a watchdog process holds the read end of a pipe from Baton.
 * The kernel closes that pipe whatever kills Baton, so the watchdog learns of the death at once
 * and stops the services it was told about. Rejected alternatives: `exit` handlers do not run on
 * kill -9 or an unhandled signal; a pid file read by the next start keeps the ports taken until
 * then and cannot tell a stale server from one another Baton still uses; the parent-death signal
 * (prctl, `setpriv --pdeathsig`) is Linux-only and is reset when Postgres switches user.
 */

let watchdogInput: Writable | null = null;

/** Registers a service Baton spawned (leader of its own process group) until it exits. */
export function stopIfBatonDies(service: ChildProcess, stopSignal: NodeJS.Signals): void {
  const pid = service.pid;
  if (pid === undefined) return;
  send({ watch: pid, signal: stopSignal });
  service.once('exit', () => send({ release: pid }));
}

/** A throwaway folder the watchdog deletes after stopping the services, if Baton could not. */
export function removeIfBatonDies(dir: string): void {
  send({ removeDir: dir });
}

function send(message: object): void {
  watchdogInput ??= startWatchdog();
  watchdogInput.write(`${JSON.stringify(message)}\n`);
}

function startWatchdog(): Writable {
  // Its own session: Ctrl-C and a terminal hangup reach Baton, which stops the services in order.
  const watchdog = spawn(process.execPath, [path.join(__dirname, 'service-watchdog-process.js')], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  watchdog.unref();
  const input = watchdog.stdin;
  if (!input) throw new Error('the watchdog was spawned without a stdin pipe');
  // A dead watchdog costs Baton its crash protection, not its life.
  input.on('error', () => {});
  if (input instanceof net.Socket) input.unref();
  return input;
}
