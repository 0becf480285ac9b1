import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { getDashboard } from './dashboard.service.ts';
import { monthlyComplaints, monthlyComplaintsWorkbook } from './monthly.service.ts';
import { sendWorkbook } from '../../platform/xlsx.ts';
import { reportOperations } from '../../../shared/api/reports.ts';

export async function reportRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/reports/complaints/monthly',
    {
      schema: reportOperations['GET /api/reports/complaints/monthly'],
    },
    async (req, reply) => {
      const { format, ...query } = req.query;
      if (format === 'xlsx') return sendWorkbook(reply, await monthlyComplaintsWorkbook(req.ctx(), query)) as never;
      return monthlyComplaints(req.ctx(), query);
    },
  );

  app.get(
    '/dashboard',
    {
      schema: reportOperations['GET /api/dashboard'],
    },
    (req) => getDashboard(req.ctx(), req.query),
  );
}
