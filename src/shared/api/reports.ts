/** Operations of registers, statistics and the dashboard. */
import { dashboard, dashboardQuery, monthlyComplaintReport, monthlyComplaintsQuery } from '../reports.ts';
import { defineOperations, errorAnswers } from './contract.ts';

const errors = errorAnswers(400, 401, 403, 404);
const tags = ['reports'];

export const reportOperations = defineOperations({
  'GET /api/reports/complaints/monthly': {
    operationId: 'getMonthlyComplaints',
    summary: '客户月投诉统计表: complaints of a local month per project and in total (needs ticket.supervise or leadership)',
    description:
      'Complaints received in the month (project time zone), not cancelled. Rates are fractions 0–1 or null; minutes are exact nearest-rank percentiles. `format=xlsx` returns the same figures as an Excel workbook.',
    tags,
    querystring: monthlyComplaintsQuery,
    response: { 200: monthlyComplaintReport, ...errors },
  },
  'GET /api/dashboard': {
    operationId: 'getDashboard',
    summary: 'Dashboard of a project, or of every project the caller sees: intake, open work, major alerts, SLA, return visits, trends',
    tags,
    querystring: dashboardQuery,
    response: { 200: dashboard, ...errors },
  },
});
