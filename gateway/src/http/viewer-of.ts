import type { Response } from 'express';
import type { Viewer } from '../auth/viewer';

/** The viewer `authenticate` put on the response (absent only on routes that need no key). */
export const viewerOf = (res: Response): Viewer | undefined => res.locals.viewer as Viewer | undefined;

/** The viewer of an authenticated route (`authenticate` ran before it). */
export function authenticatedViewer(res: Response): Viewer {
  const viewer = viewerOf(res);
  if (!viewer) throw new Error('route mounted without authenticate');
  return viewer;
}
