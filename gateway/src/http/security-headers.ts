import type { NextFunction, Request, Response } from 'express';

/** The web page's policy: its own scripts, styles and API only, never framed. */
const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Headers on every answer: no MIME sniffing, no referrer, no framing; the web page under /app
 * gets its content security policy. (GraphiQL's page loads its scripts from a CDN, so it gets
 * no CSP beyond framing.) */
export function securityHeaders() {
  return (req: Request, res: Response, next: NextFunction): void => {
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Referrer-Policy', 'no-referrer');
    res.set('X-Frame-Options', 'DENY');
    if (req.path === '/app' || req.path.startsWith('/app/')) res.set('Content-Security-Policy', APP_CSP);
    next();
  };
}

/** Answers for an authenticated caller are that caller's: no shared or browser cache keeps them. */
export function noStore() {
  return (_req: Request, res: Response, next: NextFunction): void => {
    res.set('Cache-Control', 'no-store');
    next();
  };
}

/** CORS from an allow-list of origins (configuration): a listed origin gets its own
 * Access-Control headers and preflight answer; any other origin gets none, so a browser on it
 * cannot read an answer. The empty list (the default) allows no other origin. */
export function corsAllowList(origins: readonly string[]) {
  const allowed = new Set(origins);
  return (req: Request, res: Response, next: NextFunction): void => {
    const origin = req.headers.origin;
    if (origin === undefined || !allowed.has(origin)) {
      next();
      return;
    }
    res.set('Access-Control-Allow-Origin', origin);
    res.append('Vary', 'Origin');
    if (req.method !== 'OPTIONS') {
      next();
      return;
    }
    res.set('Access-Control-Allow-Methods', 'GET, POST');
    res.set('Access-Control-Allow-Headers', 'Authorization, Content-Type, Accept');
    res.set('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
