import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { policySchema } from '../../../shared/policies.ts';
import { readUpload } from '../../platform/http.ts';
import { sendWorkbook } from '../reports/xlsx.ts';
import { addFile, completenessSummary, createEntry, getArchive, listIncomplete, readFile, updateEntry } from './archive.service.ts';
import { exportWorkbook, importTemplate, importWorkbook } from './transfer.service.ts';
import { archiveOperations } from '../../../shared/api/archive.ts';

/** The largest size any policy may allow; the services apply the project's own limit. */
const archiveFileCeiling = policySchema.shape.archive.shape.maxFileBytes.maxValue ?? 20 * 1024 * 1024;
const importCeiling = policySchema.shape.archive.shape.importMaxBytes.maxValue ?? 200 * 1024 * 1024;

export async function archiveRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/customers/:id/archive',
    {
      schema: archiveOperations['GET /api/customers/:id/archive'],
    },
    (req) => getArchive(req.ctx(), req.params.id),
  );
  app.post(
    '/customers/:id/archive/entries',
    {
      schema: archiveOperations['POST /api/customers/:id/archive/entries'],
    },
    async (req, reply) => reply.status(201).send(await createEntry(req.ctx(), req.params.id, req.body)),
  );
  app.patch(
    '/archive-entries/:id',
    {
      schema: archiveOperations['PATCH /api/archive-entries/:id'],
    },
    (req) => updateEntry(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/customers/:id/archive/files',
    {
      schema: archiveOperations['POST /api/customers/:id/archive/files'],
    },
    async (req, reply) =>
      reply.status(201).send(await addFile(req.ctx(), req.params.id, req.query, await readUpload(req, archiveFileCeiling))),
  );
  app.get(
    '/archive-files/:id',
    {
      schema: archiveOperations['GET /api/archive-files/:id'],
    },
    async (req, reply) => {
      const file = await readFile(req.ctx(), req.params.id);
      return reply
        .type(file.content_type)
        .header('cache-control', 'private, max-age=86400')
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .send(file.data);
    },
  );

  app.get(
    '/archive/completeness',
    {
      schema: archiveOperations['GET /api/archive/completeness'],
    },
    (req) => listIncomplete(req.ctx(), req.query),
  );
  app.get(
    '/archive/completeness/summary',
    {
      schema: archiveOperations['GET /api/archive/completeness/summary'],
    },
    (req) => completenessSummary(req.ctx(), req.query.projectId),
  );

  app.get(
    '/archive/template',
    {
      schema: archiveOperations['GET /api/archive/template'],
    },
    async (req, reply) => sendWorkbook(reply, await importTemplate(req.ctx())),
  );
  app.post(
    '/archive/import',
    {
      schema: archiveOperations['POST /api/archive/import'],
    },
    async (req) => {
      const file = await readUpload(req, importCeiling);
      return importWorkbook(req.ctx(), req.query.projectId, file.data, { dryRun: req.query.dryRun });
    },
  );
  app.get(
    '/archive/export',
    {
      schema: archiveOperations['GET /api/archive/export'],
    },
    async (req, reply) => sendWorkbook(reply, await exportWorkbook(req.ctx(), req.query)),
  );
}
