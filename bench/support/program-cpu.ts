import fs from 'node:fs';

/** The programs a scenario's CPU is shared between, by their process name. */
export const PROGRAMS = ['temporal', 'postgres'] as const;
export type Program = (typeof PROGRAMS)[number];

/** Linux's USER_HZ: /proc counts CPU time in these ticks on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

/**
 * CPU seconds used so far by every running process of each program (all threads), plus what
 * they reaped from exited children: Postgres's backends end up in the postmaster's count.
 * Linux only; elsewhere every program reads 0, and the scenario says so.
 */
export function programCpuSeconds(): Record<Program, number> {
  const totals: Record<Program, number> = { temporal: 0, postgres: 0 };
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return totals;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we read
    }
    // "pid (comm) state ppid ...": comm may hold spaces, so split after its closing parenthesis.
    const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const program = PROGRAMS.find((candidate) => name === candidate);
    if (!program) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14-17 of stat (utime, stime, cutime, cstime) are 11-14 once pid and comm are cut.
    const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
    totals[program] += ticks / TICKS_PER_SECOND;
  }
  return totals;
}

/** What each program used between two readings. */
export function cpuBetween(before: Record<Program, number>, after: Record<Program, number>): Record<Program, number> {
  return { temporal: after.temporal - before.temporal, postgres: after.postgres - before.postgres };
}

/** Jiffies the machine's cores spent busy and in all, from /proc/stat's first line (zeros elsewhere). */
export function machineJiffies(): { readonly busy: number; readonly total: number } {
  let line = '';
  try {
    line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  } catch {
    return { busy: 0, total: 0 };
  }
  // cpu user nice system idle iowait irq softirq steal ...
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

/** The share of all cores' time spent busy between two readings: 1 means the machine was saturated. */
export function utilizationBetween(
  before: ReturnType<typeof machineJiffies>,
  after: ReturnType<typeof machineJiffies>,
): number {
  const total = after.total - before.total;
  return total > 0 ? (after.busy - before.busy) / total : Number.NaN;
}
