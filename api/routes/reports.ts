import { Router } from 'express';
import type { EngineContext } from '../../engine/context';
import { costReport, departmentReport } from '../../engine/reports';
import { requireRole } from '../auth';
import { acceptsQuery, optionalString } from '../request';

export function reportRoutes(context: EngineContext): Router {
  const router = Router();
  const readers = requireRole('owner', 'manager');

  router.get('/reports/departments', readers, acceptsQuery('from', 'to'), async (request, response) => {
    const from = optionalString(request.query, 'from');
    const to = optionalString(request.query, 'to');
    response.json(
      await departmentReport(context.db, {
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
      }),
    );
  });

  router.get('/reports/costs', readers, acceptsQuery('key'), async (request, response) => {
    const key = optionalString(request.query, 'key');
    response.json({ items: await costReport(context.db, key === undefined ? {} : { key }) });
  });

  return router;
}
