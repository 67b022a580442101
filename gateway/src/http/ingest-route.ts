import type { NextFunction, Request, Response } from 'express';
import { reachedHeights } from '../query-store/request-heights';
import { appendEvents, eventsOfBody } from '../services/ingest-service';
import type { GatewayServices } from '../services/gateway-services';
import { authenticatedViewer } from './viewer-of';

/** POST /api/v1/events: the REST transport of the ingest service; failures go to the REST error
 * mapping (`restErrorHandler`). */
export function ingestRoute(services: GatewayServices) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      const summary = await appendEvents(services, authenticatedViewer(res), eventsOfBody(req.body));
      // The heights the writes reached, also in the X-CargoTrace-Heights header (read-your-writes).
      res.status(200).json({ ...summary, heights: reachedHeights() });
    } catch (err) {
      next(err);
    }
  };
}
