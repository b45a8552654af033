// A benchmark's headline figure as one machine-readable line, which `npm run bench` (bench/all.ts) gathers into
// its table; the benchmark's own, more detailed output stays as it is.

export interface Figure {
  /** What was measured, e.g. "sequential activity step". */
  benchmark: string;
  ours: string;
  baseline: string;
  /** ours / baseline as the benchmark defines it (> 1 = ours is better, unless `goal` says otherwise). */
  ratio: number;
  /** The goal and whether it was met, e.g. "≤ 25 ms: met". */
  goal?: string;
}

export const FIGURE_PREFIX = '::figure:: ';

/** Prints the figure for bench/all.ts. */
export function figure(f: Figure): void {
  console.log(`${FIGURE_PREFIX}${JSON.stringify(f)}`);
}
