// The two sizes of the chaos run: full (the figures in docs/chaos.md) and reduced (CI, under 4 minutes).

export interface ChaosSize {
  name: 'full' | 'reduced';
  cases: number;
  /** Submissions arrive spread over this time. */
  submitOverMs: number;
  /** CASE_TIMING of the hub: appeal periods must end within the run. */
  caseTiming: 'demo' | 'fast';
  /** How often each case looks at its status (ms, drawn between the two). */
  pollMs: [number, number];
  /** Document request deadlines, ms from the request. */
  requestDeadlineMs: [number, number];
  workers: number;
  workerKills: number;
  fachverfahrenDownMs: number;
  misconfiguredMs: number;
  /** Faults happen at random moments in this window, ms after the first submission. */
  faultWindowMs: [number, number];
  /** Cases still open after this time (ms after the first submission) are reported as they stand. */
  caseTimeLimitMs: number;
}

export const SIZES: Record<ChaosSize['name'], ChaosSize> = {
  full: {
    name: 'full',
    cases: 200,
    submitOverMs: 300_000,
    caseTiming: 'demo',
    pollMs: [2_500, 5_000],
    requestDeadlineMs: [45_000, 90_000],
    workers: 2,
    workerKills: 4,
    fachverfahrenDownMs: 120_000,
    misconfiguredMs: 60_000,
    faultWindowMs: [20_000, 360_000],
    caseTimeLimitMs: 1_500_000,
  },
  reduced: {
    name: 'reduced',
    cases: 24,
    submitOverMs: 30_000,
    caseTiming: 'fast',
    pollMs: [800, 1_500],
    requestDeadlineMs: [12_000, 20_000],
    workers: 2,
    workerKills: 3,
    fachverfahrenDownMs: 25_000,
    misconfiguredMs: 20_000,
    faultWindowMs: [5_000, 70_000],
    caseTimeLimitMs: 170_000,
  },
};
