// Calls the hub's API on the same origin with the session's bearer token; problems become ApiError with their detail.
const TOKEN_KEY = 'drehscheibe.token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(`${title}: ${detail}`);
  }
}

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({}))) as { title?: string; detail?: string };
    throw new ApiError(res.status, problem.title ?? `HTTP ${res.status}`, problem.detail ?? res.statusText);
  }
  return res;
}

/** JSON answer of an API call. */
export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await send(method, path, body);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** A binary answer (documents) as a Blob; the token goes in the header, never in a URL. */
export async function apiBlob(path: string): Promise<Blob> {
  return (await send('GET', path)).blob();
}

/** Encodes one path segment (task ids contain slashes and colons). */
export const seg = (s: string): string => encodeURIComponent(s);
