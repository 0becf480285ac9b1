import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as a from '../../../shared/archive.ts';
import { errorSchema, idParam, page } from '../../../shared/schemas.ts';
import { receiveFile } from '../../platform/files.ts';
import { readUpload } from '../../platform/http.ts';
import { sendWorkbook } from '../reports/xlsx.ts';
import { addFile, archiveFiles, completenessSummary, createEntry, getArchive, listIncomplete, updateEntry } from './archive.service.ts';
import { admitImport, exportWorkbook, importTemplate, importWorkbook } from './transfer.service.ts';

const errors = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
  413: errorSchema,
  415: errorSchema,
};

const fileTarget = z.object({ section: z.enum(a.archiveSections), entryId: idParam.shape.id.optional() });

export async function archiveRoutes(root: FastifyInstance) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['archive'];

  app.get(
    '/customers/:id/archive',
    {
      schema: {
        tags,
        summary: 'The 12 sections of a customer’s archive (客户档案), the timeline and completeness (资料完整率)',
        params: idParam,
        response: { 200: a.customerArchive, ...errors },
      },
    },
    (req) => getArchive(req.ctx(), req.params.id),
  );
  app.post(
    '/customers/:id/archive/entries',
    {
      schema: {
        tags,
        summary: 'Adds an entry to a section: a payment or deposit, a decoration file, a move-in form, a letter, a violation …',
        params: idParam,
        body: a.archiveEntryCreate,
        response: { 201: a.archiveEntry, ...errors },
      },
    },
    async (req, reply) => reply.status(201).send(await createEntry(req.ctx(), req.params.id, req.body)),
  );
  app.patch(
    '/archive-entries/:id',
    {
      schema: {
        tags,
        summary: 'Corrects an archive entry',
        params: idParam,
        body: a.archiveEntryUpdate,
        response: { 200: a.archiveEntry, ...errors },
      },
    },
    (req) => updateEntry(req.ctx(), req.params.id, req.body),
  );
  app.post(
    '/customers/:id/archive/files',
    {
      schema: {
        tags,
        summary:
          'Attaches a file (multipart/form-data, field file) to a section or to one entry; types, size and number are policies; served at GET /api/files/{id}',
        consumes: ['multipart/form-data'],
        params: idParam,
        querystring: fileTarget,
        response: { 201: a.archiveFile, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addFile(req.ctx(), req.params.id, req.query, await receiveFile(req, archiveFiles, req.params.id))),
  );

  app.get(
    '/archive/completeness',
    {
      schema: {
        tags,
        summary: 'Customers whose archive is incomplete, with their score and missing items (the list to work through)',
        querystring: a.completenessQuery,
        response: { 200: page(a.completenessItem), ...errors },
      },
    },
    (req) => listIncomplete(req.ctx(), req.query),
  );
  app.get(
    '/archive/completeness/summary',
    {
      schema: {
        tags,
        summary: '资料完整率 of a project and of each responsibility area (butler)',
        querystring: z.object({ projectId: idParam.shape.id }),
        response: { 200: a.completenessSummary, ...errors },
      },
    },
    (req) => completenessSummary(req.ctx(), req.query.projectId),
  );

  app.get(
    '/archive/template',
    { schema: { tags, summary: 'The import template (.xlsx, in Chinese, with a sheet explaining every column)' } },
    async (req, reply) => sendWorkbook(reply, await importTemplate(req.ctx())),
  );
  app.post(
    '/archive/import',
    {
      schema: {
        tags,
        summary:
          'Imports buildings, units, customers and their links from the template (.xlsx, multipart field file). Every row is validated first; any problem → 400 listing each as 「sheet[row].column」 and nothing is imported',
        consumes: ['multipart/form-data'],
        querystring: a.importQuery,
        response: { 200: a.importResult, ...errors },
      },
    },
    async (req) => {
      const file = await readUpload(req, () => admitImport(req.ctx(), req.query.projectId));
      return importWorkbook(req.ctx(), req.query.projectId, file.data, { dryRun: req.query.dryRun });
    },
  );
  app.get(
    '/archive/export',
    {
      schema: {
        tags,
        summary: 'Exports the project in the import format (.xlsx); numbers masked unless reveal=true with a reason (audited)',
        querystring: a.exportQuery,
      },
    },
    async (req, reply) => sendWorkbook(reply, await exportWorkbook(req.ctx(), req.query)),
  );
}
