import express, { type NextFunction, type Request, type Response } from 'express';
import type { Viewer } from '../auth/viewer';
import type { InFlight } from './in-flight';
import { viewerOf } from './viewer-of';

/** The GraphQL transport as the HTTP layer sees it (graphql-yoga's request handler); the viewer
 * is the one `authenticate` found. */
export type GraphqlHandler = (req: Request, res: Response, context: { req: Request; res: Response; viewer?: Viewer }) => unknown;

/** Reads a GraphQL request body within the limit, counted as it arrives: a chunked body (no
 * Content-Length) over the limit is refused with 413 PAYLOAD_TOO_LARGE like a declared one. The
 * handler then gets the bytes (graphql-yoga takes a Buffer body as read); a request without a
 * body (GET) passes untouched. */
export const graphqlBody = (bodyLimit: string) => express.raw({ type: () => true, limit: bodyLimit });

/** The GET parameters a GraphQL request may carry; `variables` and `extensions` are JSON objects. */
const GET_PARAMETERS = new Set(['query', 'operationName', 'variables', 'extensions']);

/** Refuses a GET whose parameters graphql-yoga would fail on (repeated or nested parameters,
 * variables that are not a JSON object) with 400 and a code, before the handler sees it. */
export function graphqlGetParameters() {
  return (req: Request, res: Response, next: NextFunction): void => {
    const problem = req.method === 'GET' ? getParameterProblem(req.query) : undefined;
    if (problem === undefined) {
      next();
      return;
    }
    res.status(400).json({ errors: [{ message: problem, extensions: { code: 'BAD_REQUEST_PARAMETER' } }] });
  };
}

function getParameterProblem(query: Request['query']): string | undefined {
  for (const [name, value] of Object.entries(query)) {
    if (!GET_PARAMETERS.has(name)) continue;
    if (typeof value !== 'string') return `${name} must be given once, as a string`;
    if ((name === 'variables' || name === 'extensions') && !isJsonObject(value)) return `${name} must be a JSON object`;
  }
  return undefined;
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value === null || (typeof value === 'object' && !Array.isArray(value));
  } catch {
    return false;
  }
}

/** Hands the request to the GraphQL handler. Live subscriptions end with their connections;
 * everything else may finish on shutdown, so it is tracked. */
export function graphqlRoute(handler: GraphqlHandler, inFlight: InFlight) {
  return (req: Request, res: Response): void => {
    const viewer = viewerOf(res);
    const work = Promise.resolve(handler(req, res, { req, res, ...(viewer ? { viewer } : {}) }));
    if (!(req.headers.accept ?? '').includes('text/event-stream')) void inFlight.track(work);
  };
}
