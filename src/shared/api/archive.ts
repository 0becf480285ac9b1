/** Operations of the customer archive (客户档案): sections, entries, files, completeness, Excel import and export. */
import * as a from '../archive.ts';
import { idParam, page, projectQuery } from '../schemas.ts';
import { defineOperations, errorAnswers } from './contract.ts';

const errors = errorAnswers(400, 401, 403, 404, 409, 413, 415);
const tags = ['archive'];

export const archiveOperations = defineOperations({
  'GET /api/customers/:id/archive': {
    operationId: 'getCustomerArchive',
    summary: 'The 12 sections of a customer’s archive (客户档案), the timeline and completeness (资料完整率)',
    tags,
    params: idParam,
    response: { 200: a.customerArchive, ...errors },
  },
  'POST /api/customers/:id/archive/entries': {
    operationId: 'createArchiveEntry',
    summary: 'Adds an entry to a section: a payment or deposit, a decoration file, a move-in form, a letter, a violation …',
    tags,
    params: idParam,
    body: a.archiveEntryCreate,
    response: { 201: a.archiveEntry, ...errors },
  },
  'PATCH /api/archive-entries/:id': {
    operationId: 'updateArchiveEntry',
    summary: 'Corrects an archive entry',
    tags,
    params: idParam,
    body: a.archiveEntryUpdate,
    response: { 200: a.archiveEntry, ...errors },
  },
  'POST /api/customers/:id/archive/files': {
    operationId: 'addArchiveFile',
    summary:
      'Attaches a file (multipart/form-data, field file) to a section or to one entry; types, size and number are policies; served at GET /api/files/{id}',
    tags,
    consumes: ['multipart/form-data'],
    params: idParam,
    querystring: a.archiveFileTarget,
    response: { 201: a.archiveFile, ...errors },
  },

  'GET /api/archive/completeness': {
    operationId: 'listIncompleteArchives',
    summary: 'Customers whose archive is incomplete, with their score and missing items (the list to work through)',
    tags,
    querystring: a.completenessQuery,
    response: { 200: page(a.completenessItem), ...errors },
  },
  'GET /api/archive/completeness/summary': {
    operationId: 'getArchiveCompleteness',
    summary: '资料完整率 of a project and of each responsibility area (butler)',
    tags,
    querystring: projectQuery,
    response: { 200: a.completenessSummary, ...errors },
  },
  'GET /api/archive/template': {
    operationId: 'downloadImportTemplate',
    summary: 'The import template (.xlsx, in Chinese, with a sheet explaining every column)',
    tags,
  },
  'POST /api/archive/import': {
    operationId: 'importArchive',
    summary:
      'Imports buildings, units, customers and their links from the template (.xlsx, multipart field file). Every row is validated first; any problem → 400 listing each as 「sheet[row].column」 and nothing is imported',
    tags,
    consumes: ['multipart/form-data'],
    querystring: a.importQuery,
    response: { 200: a.importResult, ...errors },
  },
  'GET /api/archive/export': {
    operationId: 'exportArchive',
    summary: 'Exports the project in the import format (.xlsx); numbers masked unless reveal=true with a reason (audited)',
    tags,
    querystring: a.exportQuery,
  },
});
