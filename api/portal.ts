// The web portal under /portal: static files, the browser code bundled once by esbuild, strict security headers.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Request, type Response } from 'express';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PORTAL = path.join(ROOT, 'portal');

/** Only this origin: no inline script or style, no plugins, not framable; blob: for viewing downloaded documents. */
export const PORTAL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

let bundle: Promise<string> | undefined;

/** The portal's browser code as one ES module, built on first use and kept (a few hundred milliseconds). */
export function portalBundle(): Promise<string> {
  bundle ??= esbuild
    .build({
      entryPoints: [path.join(PORTAL, 'src', 'main.ts')],
      bundle: true,
      format: 'esm',
      target: 'es2022',
      minify: true,
      write: false,
      logLevel: 'silent',
      tsconfig: path.join(PORTAL, 'tsconfig.json'),
    })
    .then((r) => r.outputFiles[0]!.text)
    .catch((error: unknown) => {
      bundle = undefined;
      throw error;
    });
  return bundle;
}

function securityHeaders(_req: Request, res: Response, next: () => void): void {
  res.setHeader('Content-Security-Policy', PORTAL_CSP);
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  next();
}

/** Mounted at /portal by buildApp: the HTML shell, the bundle, KERN UX and the bpmn-js viewer from node_modules. */
export function portalRouter(): express.Router {
  const router = express.Router();
  router.use(securityHeaders);
  router.get('/', (req, res, next) => {
    // Relative asset URLs need the trailing slash.
    if (!req.originalUrl.split('?')[0]!.endsWith('/')) return res.redirect(301, `${req.baseUrl}/`);
    next();
  });
  router.get('/app.js', (_req, res, next) => {
    portalBundle().then(
      (js) => void res.type('text/javascript').setHeader('Cache-Control', 'no-cache').send(js),
      next,
    );
  });
  const vendor = { fallthrough: false, maxAge: '1h' };
  router.use('/vendor/kern', express.static(path.join(ROOT, 'node_modules/@kern-ux/native/dist'), vendor));
  router.use('/vendor/bpmn-js', express.static(path.join(ROOT, 'node_modules/bpmn-js/dist'), vendor));
  router.use(express.static(path.join(PORTAL, 'public'), { fallthrough: false, setHeaders: noCache }));
  return router;
}

function noCache(res: Response): void {
  res.setHeader('Cache-Control', 'no-cache');
}
