// The watchdog of infra/service-watchdog.ts: stops the local services of a Baton process that died
// without stopping them. Plain JavaScript so it starts in a few milliseconds, with no loader.
//
// Baton writes JSON lines to this process's stdin:
//   {"watch": 123, "signal": "SIGTERM"}  a service Baton spawned, leader of its own process group
//   {"release": 123}                     Baton stopped it itself
//   {"removeDir": "/tmp/baton-x"}        a throwaway folder to delete once the services are gone
// The kernel closes the pipe when Baton exits, however it exits (kill -9 included): then every
// service still watched gets its stop signal, then SIGKILL to its group if it lingers.
'use strict';

const fs = require('node:fs');
const readline = require('node:readline');

const GRACE_MS = 10_000;
const POLL_MS = 100;

/** pid -> the signal that stops it cleanly */
const watched = new Map();
const dirsToRemove = new Set();

// Detached into its own session, it gets no terminal signals; these guard against a group-wide kill by a shell.
for (const signal of ['SIGINT', 'SIGHUP']) process.on(signal, () => {});

readline
  .createInterface({ input: process.stdin })
  .on('line', (line) => {
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      return;
    }
    if (Number.isInteger(message.watch)) watched.set(message.watch, message.signal);
    if (Number.isInteger(message.release)) watched.delete(message.release);
    if (typeof message.removeDir === 'string') dirsToRemove.add(message.removeDir);
  })
  .on('close', () => {
    stopOrphans().finally(() => process.exit(0));
  });

async function stopOrphans() {
  const pids = [...watched.keys()];
  for (const [pid, signal] of watched) signalProcess(pid, signal);
  await waitUntilGone(pids, GRACE_MS);
  for (const pid of pids.filter(isAlive)) signalProcess(-pid, 'SIGKILL');
  await waitUntilGone(pids, GRACE_MS);
  for (const dir of dirsToRemove) fs.rmSync(dir, { recursive: true, force: true });
}

async function waitUntilGone(pids, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isAlive) && Date.now() < deadline) await sleep(POLL_MS);
}

function signalProcess(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
