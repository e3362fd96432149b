import { Router } from 'express';
import type { EngineContext } from '../../engine/context';
import { atRiskReport, costReport, departmentReport } from '../../engine/reports';
import { requireRole } from '../auth';
import { acceptsQuery, limitOf, optionalString } from '../request';

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

  // The running instances to look at: an overdue task, or estimates past a fixed budget.
  router.get('/reports/at-risk', readers, acceptsQuery('limit'), async (request, response) => {
    response.json({ items: await atRiskReport(context.db, { limit: limitOf(request.query, 100, 500) }) });
  });

  return router;
}
