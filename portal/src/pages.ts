// The page registry: each page says its hash path, title, the roles that may open it and whether it is in the navigation.
import type { Child } from './dom';

export type Role = 'portal' | 'applicant' | 'caseworker' | 'municipal-admin' | 'admin';

/** GET /api/v1/me */
export interface Me {
  role: Role;
  label: string;
  municipality: { ars: string; name: string } | null;
  offices: { id: string; name: string; ars: string; municipality: string }[];
  applicationId: string | null;
}

export interface PageContext {
  me: Me;
  /** Path parameters (`:name` segments), decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Opens another page (`#/…`). */
  go(hash: string): void;
  /** Renders the current page again (after an action). */
  reload(): void;
}

export interface Page {
  /** Hash path, e.g. `/aufgaben/:taskId`. */
  path: string;
  title: string;
  roles: Role[];
  /** Label in the main navigation; pages without one are reached by links. */
  nav?: string;
  render(ctx: PageContext): Promise<Child>;
}

/** Matches a hash path against a page path; returns the decoded parameters or undefined. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const got = path.split('/').filter(Boolean);
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const value = got[i]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(value);
    else if (part !== value) return undefined;
  }
  return params;
}

/** German names of the roles, for the header. */
export const ROLE_NAMES: Record<Role, string> = {
  portal: 'Antragsportal',
  applicant: 'Antragsteller/in',
  caseworker: 'Sachbearbeitung',
  'municipal-admin': 'Kommunale Administration',
  admin: 'Betrieb (Administration)',
};
