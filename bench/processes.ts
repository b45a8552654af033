// What the hub's processes use, read from /proc: memory and CPU time of the Temporal server, PostgreSQL, the API,
// the worker and the benchmark itself (demo systems, load), so a figure can say which part it was bound by.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/** The processes whose command line contains `pattern`, with their children (PostgreSQL's backends). */
export function processTree(pattern: string): number[] {
  const pgrep = (args: string[]) => {
    try {
      return execFileSync('pgrep', args, { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const roots = pgrep(['-f', pattern]);
  return [...new Set([...roots, ...roots.flatMap((pid) => pgrep(['-P', String(pid)]))])];
}

/** Resident memory in bytes of the given processes (ended ones count 0). */
export function rssBytes(pids: number[]): number {
  return pids
    .map((pid) => {
      try {
        const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
        return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
      } catch {
        return 0;
      }
    })
    .reduce((a, b) => a + b, 0);
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** CPU seconds (user + system, with reaped children) the given processes have used so far. */
export function cpuSeconds(pids: number[]): number {
  return pids
    .map((pid) => {
      try {
        // Fields after the command name (which may contain spaces): utime is the 12th, then stime, cutime, cstime.
        const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return fields.slice(11, 15).reduce((sum, f) => sum + Number(f), 0) / TICKS_PER_SECOND;
      } catch {
        return 0;
      }
    })
    .reduce((a, b) => a + b, 0);
}
