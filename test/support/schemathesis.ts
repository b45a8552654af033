// Schemathesis (PyPI) in a virtual environment of its own, created once per machine outside the repository.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const SCHEMATHESIS_VERSION = '4.32.5';

/** The venv's schemathesis executable; creates the venv and installs the pinned version when missing. */
export function ensureSchemathesis(): string {
  const venv = path.join(os.homedir(), '.cache', 'drehscheibe', `schemathesis-venv-${SCHEMATHESIS_VERSION}`);
  const bin = path.join(venv, 'bin', 'schemathesis');
  if (fs.existsSync(bin)) return bin;
  fs.mkdirSync(path.dirname(venv), { recursive: true });
  const python = process.env.PYTHON ?? 'python3';
  execFileSync(python, ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(
    path.join(venv, 'bin', 'pip'),
    ['install', '--quiet', `schemathesis==${SCHEMATHESIS_VERSION}`],
    {
      stdio: 'inherit',
    },
  );
  return bin;
}

export interface RunResult {
  exitCode: number;
  output: string;
  seconds: number;
}

/** Runs `schemathesis run` with args; the output goes to a file so a long run cannot fill a pipe. */
export function runSchemathesis(bin: string, args: string[], logFile: string): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const log = fs.openSync(logFile, 'w');
    const child = spawn(bin, ['run', ...args], {
      // Schemathesis keeps a cache (.schemathesis/) in its working directory: not in the repository.
      cwd: path.dirname(logFile),
      stdio: ['ignore', log, log],
      env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' },
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      fs.closeSync(log);
      resolve({
        exitCode: code ?? -1,
        output: fs.readFileSync(logFile, 'utf8'),
        seconds: (Date.now() - started) / 1000,
      });
    });
  });
}

export interface FuzzSummary {
  requests: number;
  /** Responses with status >= 500, counted from the recorded interactions (not from Schemathesis' verdict). */
  serverErrors: number;
  statuses: Record<string, number>;
  /** Failed checks by name (status_code_conformance, response_schema_conformance, ...). */
  failedChecks: Record<string, number>;
  passedChecks: number;
}

/** Reads Schemathesis' NDJSON event stream in reportDir. */
export function summariseReport(reportDir: string): FuzzSummary {
  const summary: FuzzSummary = {
    requests: 0,
    serverErrors: 0,
    statuses: {},
    failedChecks: {},
    passedChecks: 0,
  };
  const file = fs.existsSync(reportDir)
    ? fs.readdirSync(reportDir).find((f) => f.endsWith('.ndjson'))
    : undefined;
  if (!file) return summary;
  for (const line of fs.readFileSync(path.join(reportDir, file), 'utf8').split('\n')) {
    if (!line.startsWith('{"ScenarioFinished"')) continue;
    const recorder = JSON.parse(line).ScenarioFinished.recorder as {
      interactions?: Record<string, { response?: { status_code: number } }>;
      checks?: Record<string, { name: string; status: string }[]>;
    };
    for (const interaction of Object.values(recorder.interactions ?? {})) {
      summary.requests += 1;
      const status = interaction.response?.status_code;
      const key = status === undefined ? 'no response' : String(status);
      summary.statuses[key] = (summary.statuses[key] ?? 0) + 1;
      if (status === undefined || status >= 500) summary.serverErrors += 1;
    }
    for (const check of Object.values(recorder.checks ?? {}).flat()) {
      if (check.status === 'success') summary.passedChecks += 1;
      else if (check.status === 'failure')
        summary.failedChecks[check.name] = (summary.failedChecks[check.name] ?? 0) + 1;
    }
  }
  return summary;
}
