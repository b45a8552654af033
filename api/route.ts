// A route is declared once: its schemas validate requests and generate the OpenAPI document.
import type { Request, Response } from 'express';
import type { Principal, Role } from './auth';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteContext<Body = unknown> {
  principal: Principal;
  body: Body;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  req: Request;
  res: Response;
}

export interface RouteReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw payload with its content type (PDFs, XML). */
  raw?: { contentType: string; data: Buffer | string };
}

/** One query parameter; values are checked against it before the handler runs (api/requestGuards.ts). */
export interface QueryParam {
  type: 'string' | 'integer';
  description: string;
  minimum?: number;
  maximum?: number;
  format?: 'date-time';
  enum?: string[];
}

export interface RouteSpec<Body = unknown> {
  method: Method;
  /** Express-style path, e.g. /api/v1/applications/:id/status */
  path: string;
  summary: string;
  tag: string;
  /** Roles allowed; 'public' routes need no token. */
  roles: Role[] | 'public';
  body?: object;
  query?: Record<string, QueryParam>;
  /** Request headers the handler reads (documented; the handler validates them). */
  headers?: Record<string, { description: string; pattern?: string; maxLength?: number }>;
  responses: Record<number, { description: string; schema?: object; contentType?: string }>;
  handler: (ctx: RouteContext<Body>) => Promise<RouteReply>;
}

/** Identity helper that keeps the body type attached to its schema. */
export function route<Body = unknown>(spec: RouteSpec<Body>): RouteSpec<Body> {
  return spec;
}
