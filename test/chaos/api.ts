// HTTP to the chaos hub's API as portal, applicant, caseworker or admin. While the API or PostgreSQL
// restarts, calls are repeated until it answers again; every 5xx answer is counted for the report.
import { request, type Answer } from '../support/http';

export interface ApiClient {
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Answer>;
  /** 5xx answers and network failures seen so far, by "METHOD path-pattern status". */
  errors: Map<string, number>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The path with ids replaced, so errors group by endpoint. */
function pattern(path: string): string {
  return path.replace(/\?.*$/, '').replace(/\/(applications|tasks|incidents|deliveries)\/[^/]+/g, '/$1/{id}');
}

/** Creates a client for the API at `baseUrl` (as `defaultToken` unless a call names one) that waits out restarts. */
export function createApiClient(baseUrl: string, defaultToken: string, patienceMs = 120_000): ApiClient {
  const errors = new Map<string, number>();
  const count = (key: string) => errors.set(key, (errors.get(key) ?? 0) + 1);
  return {
    errors,
    async call(method, path, options = {}) {
      const deadline = Date.now() + patienceMs;
      for (;;) {
        let answer: Answer | undefined;
        try {
          answer = await request(method, `${baseUrl}${path}`, {
            ...options,
            token: options.token ?? defaultToken,
          });
        } catch (error) {
          count(`${method} ${pattern(path)} ${(error as Error).message}`);
        }
        if (answer && answer.status < 500) return answer;
        if (answer) count(`${method} ${pattern(path)} ${answer.status}`);
        if (Date.now() > deadline) {
          if (answer) return answer;
          throw new Error(`${method} ${path}: no answer from the API within ${patienceMs} ms`);
        }
        await sleep(500 + Math.random() * 500);
      }
    },
  };
}
