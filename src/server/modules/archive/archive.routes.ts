import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { receiveFile } from '../../platform/files.ts';
import { readUpload } from '../../platform/http.ts';
import { sendWorkbook } from '../../platform/xlsx.ts';
import { addFile, archiveFiles, completenessSummary, createEntry, getArchive, listIncomplete, updateEntry } from './archive.service.ts';
import { admitImport, exportWorkbook, importTemplate, importWorkbook } from './transfer.service.ts';
import { archiveOperations } from '../../../shared/api/archive.ts';

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
      reply.status(201).send(await addFile(req.ctx(), req.params.id, req.query, await receiveFile(req, archiveFiles, req.params.id))),
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
      const file = await readUpload(req, () => admitImport(req.ctx(), req.query.projectId));
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
