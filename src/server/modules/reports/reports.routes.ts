import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  dashboard,
  dashboardQuery,
  monthlyComplaintReport,
  monthlyComplaintsQuery,
  registerPage,
  registerParams,
  registerQuery,
} from '../../../shared/reports.ts';
import { errorSchema } from '../../../shared/schemas.ts';
import { getDashboard } from './dashboard.service.ts';
import { monthlyComplaints, monthlyComplaintsWorkbook } from './monthly.service.ts';
import { listRegister, registerWorkbook } from './registers.service.ts';
import { sendWorkbook } from './xlsx.ts';

const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema };

export async function reportRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['reports'];

  app.get(
    '/registers/:register',
    {
      schema: {
        tags,
        summary:
          'A paper register as a filtered view: 报修记录 (repair), 投诉记录 (complaint), 日常事务登记表 (daily); from/to are local days, inclusive',
        description: '`format=xlsx` returns the register as an Excel workbook (time order, phone numbers always masked) instead of JSON.',
        params: registerParams,
        querystring: registerQuery,
        response: { 200: registerPage, ...errors },
      },
    },
    async (req, reply) => {
      const { format, ...query } = req.query;
      if (format === 'xlsx') return sendWorkbook(reply, await registerWorkbook(req.ctx(), req.params.register, query)) as never;
      return listRegister(req.ctx(), req.params.register, query);
    },
  );

  app.get(
    '/reports/complaints/monthly',
    {
      schema: {
        tags,
        summary: '客户月投诉统计表: complaints of a local month per project and in total (needs ticket.supervise or leadership)',
        description:
          'Complaints received in the month (project time zone), not cancelled. Rates are fractions 0–1 or null; minutes are exact nearest-rank percentiles. `format=xlsx` returns the same figures as an Excel workbook.',
        querystring: monthlyComplaintsQuery,
        response: { 200: monthlyComplaintReport, ...errors },
      },
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
      schema: {
        tags,
        summary: 'Dashboard of a project, or of every project the caller sees: intake, open work, major alerts, SLA, return visits, trends',
        querystring: dashboardQuery,
        response: { 200: dashboard, ...errors },
      },
    },
    (req) => getDashboard(req.ctx(), req.query),
  );
}
