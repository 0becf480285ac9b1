/**
 * The files kit: one table (`files`) and one service for every stored file — ticket photos, archive
 * files, visit photos and the files of every later module. A module registers the kind of record its
 * files belong to (an owner kind): who may read them, who may attach them, and the limits, read from
 * the owner's project policy. Types are recognised from the bytes (the name and the browser's claim
 * are never trusted), names are kept printable, every file carries its SHA-256, and everything is
 * served from one address, `GET /api/files/:id`, with `nosniff` (images inline, PDFs as downloads).
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { fileUrl, type FileType, type StoredFile } from '../../shared/files.ts';
import type { Policy } from '../../shared/policies.ts';
import type { Executor } from '../db/database.ts';
import type { DB } from '../db/types.ts';
import { getPolicy } from '../modules/policies/policies.service.ts';
import { writeAudit } from './audit.ts';
import type { ServiceContext } from './context.ts';
import { AppError, invalid, notFound } from './errors.ts';
import { readUpload, type Upload } from './http.ts';
import { inTransaction, type Tx } from './tx.ts';

/** What an owner check establishes: whose the owner is. */
export interface FileOwnerScope {
  companyId: number;
  /** Null for a record of the company as a whole. */
  projectId: number | null;
}

export interface FileLimits {
  /** Largest file, in bytes. */
  maxBytes: number;
  /** Types accepted, recognised from the bytes. */
  types: readonly FileType[];
  /** Files one owner holds. */
  perOwner: number;
}

/** A kind of record that files belong to (a ticket, a customer's archive, a visit …). */
export interface FileOwnerKind {
  /** Stored in every row as `owner_kind`: never rename it. */
  kind: string;
  /** The owner's table; its row is locked while the owner's files are counted and one is added. */
  table: keyof DB;
  /** Words for messages: "A ticket holds at most 20 photos". */
  words: { file: string; files: string; owner: string };
  /**
   * The owner as this caller may read it; any refusal (no permission, another project, another
   * household) makes its files "not found".
   */
  mayRead(ctx: ServiceContext, ownerId: number, exec: Executor): Promise<FileOwnerScope>;
  /** The owner as this caller may attach a file to it: permission, access and the owner's state (403, 404, 409). */
  mayAttach(ctx: ServiceContext, ownerId: number, exec: Executor): Promise<FileOwnerScope>;
  /** The limits under the owner's project policy. */
  limits(policy: Policy): FileLimits;
}

const owners = new Map<string, FileOwnerKind>();

/** Registers a module's owner kind (at module load); returns it for the module's own calls. */
export function registerFileOwner<K extends FileOwnerKind>(owner: K): K {
  const known = owners.get(owner.kind);
  if (known && known !== owner) throw new Error(`File owner kind "${owner.kind}" is registered twice`);
  owners.set(owner.kind, owner);
  return owner;
}

// ---------- what a file is ----------

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The real type from the first bytes (JPEG, PNG, WebP, PDF), or null for anything else. */
export function sniffFileType(data: Buffer): FileType | null {
  if (data.length > 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length > 8 && data.subarray(0, 8).equals(pngSignature)) return 'image/png';
  if (data.length > 12 && data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'image/webp';
  if (data.length > 5 && data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/** Characters that reorder the text around them (U+202A–U+202E, U+2066–U+2069, the marks). */
const directionMarks = new Set([...'\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c']);

/**
 * An uploaded file's name kept printable: path separators and control characters become `_`,
 * direction overrides (which make "photo‮gpj.exe" read as "photoexe.jpg") are dropped, surrounding
 * spaces trimmed, at most 120 characters; `fallback` when nothing is left.
 */
export function printableName(name: string, fallback: string): string {
  const kept = [...name]
    .filter((ch) => !directionMarks.has(ch))
    .map((ch) => {
      const code = ch.charCodeAt(0);
      return ch === '/' || ch === '\\' || code < 0x20 || (code >= 0x7f && code <= 0x9f) ? '_' : ch;
    })
    .join('')
    .trim();
  return [...kept].slice(0, 120).join('') || fallback;
}

const typeNames: Record<FileType, string> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'image/webp': 'WebP',
  'application/pdf': 'PDF',
};
const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** The upload checked against the owner's limits: not empty, not too large, of an accepted type. */
export function checkUpload(owner: FileOwnerKind, limits: FileLimits, upload: Upload): { name: string; contentType: FileType } {
  if (upload.data.length === 0) throw invalid('file', 'is empty');
  if (upload.data.length > limits.maxBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', `file: ${owner.words.files} are limited to ${megabytes(limits.maxBytes)}`, [
      { path: 'file', message: `is larger than ${megabytes(limits.maxBytes)}` },
    ]);
  const contentType = sniffFileType(upload.data);
  if (!contentType || !limits.types.includes(contentType)) {
    const names = limits.types.map((t) => typeNames[t]);
    const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names[0];
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `file: ${owner.words.files} must be ${list}`, [
      { path: 'file', message: `must be ${list}` },
    ]);
  }
  return { name: printableName(upload.filename, owner.words.file), contentType };
}

// ---------- storing ----------

/** A stored file as modules list it: the shared shape, and where inside its owner it belongs. */
export interface FileRecord extends StoredFile {
  purpose: string | null;
  itemId: number | null;
}

/** The shared shape alone, for an owner whose files have no purpose or item (photos). */
export function toStoredFile({ id, name, contentType, size, url, createdAt }: FileRecord): StoredFile {
  return { id, name, contentType, size, url, createdAt };
}

/** Where a file goes: its owner, and optionally its purpose (an archive section) and item (an archive entry). */
export interface FileTarget {
  owner: FileOwnerKind;
  id: number;
  purpose?: string | null;
  itemId?: number | null;
}

/**
 * The owner's check for this caller and its limits: what `storeFile` checks first, and what an upload
 * route checks before it reads the body (`receiveFile`).
 */
export async function admitFile(
  ctx: ServiceContext,
  owner: FileOwnerKind,
  ownerId: number,
  exec: Executor = ctx.db,
): Promise<{ scope: FileOwnerScope; limits: FileLimits }> {
  const scope = await owner.mayAttach(ctx, ownerId, exec);
  const policy = await getPolicy(exec, scope.companyId, scope.projectId);
  return { scope, limits: owner.limits(policy) };
}

/**
 * Reads the upload of a route that attaches a file to `owner`: the caller, their permission and their
 * access to the owner are checked before the body is read, and the body is read only up to the
 * owner's size limit.
 */
export function receiveFile(req: FastifyRequest, owner: FileOwnerKind, ownerId: number): Promise<Upload> {
  return readUpload(req, async () => (await admitFile(req.ctx(), owner, ownerId)).limits.maxBytes);
}

const listColumns = ['id', 'name', 'content_type', 'size', 'created_at', 'purpose', 'item_id'] as const;

function toRecord(r: {
  id: number;
  name: string;
  content_type: string;
  size: number;
  created_at: string;
  purpose: string | null;
  item_id: number | null;
}): FileRecord {
  return {
    id: r.id,
    name: r.name,
    contentType: r.content_type,
    size: r.size,
    url: fileUrl(r.id),
    createdAt: r.created_at,
    purpose: r.purpose,
    itemId: r.item_id,
  };
}

/** Writes one file row, its SHA-256 computed here. Callers go through `storeFile`; the demo writes its sample photos with it. */
export async function insertFile(
  exec: Executor,
  file: {
    scope: FileOwnerScope;
    target: FileTarget;
    name: string;
    contentType: FileType;
    data: Buffer;
    uploadedBy: { kind: string; id: number };
    at: string;
  },
): Promise<FileRecord & { sha256: string }> {
  const sha256 = createHash('sha256').update(file.data).digest('hex');
  const row = await exec
    .insertInto('files')
    .values({
      company_id: file.scope.companyId,
      project_id: file.scope.projectId,
      owner_kind: file.target.owner.kind,
      owner_id: file.target.id,
      purpose: file.target.purpose ?? null,
      item_id: file.target.itemId ?? null,
      name: file.name,
      content_type: file.contentType,
      size: file.data.length,
      sha256,
      data: file.data,
      uploaded_by_kind: file.uploadedBy.kind,
      uploaded_by_id: file.uploadedBy.id,
      created_at: file.at,
    })
    .returning(listColumns)
    .executeTakeFirstOrThrow();
  return { ...toRecord(row), sha256 };
}

/**
 * Stores an uploaded file for its owner: the caller's right to attach, the owner's limits under its
 * project policy (size, type, files per owner), one row and one audit entry. The count and the insert
 * hold under concurrency on both databases: the owner's row is locked first, so two uploads to a
 * ticket with one place left store one file, not two. In the caller's transaction when given one.
 */
export async function storeFile(ctx: ServiceContext, target: FileTarget, upload: Upload, tx?: Tx): Promise<FileRecord> {
  const { owner } = target;
  const { scope, limits } = await admitFile(ctx, owner, target.id, tx?.trx ?? ctx.db);
  const checked = checkUpload(owner, limits, upload);
  return inTransaction(ctx, tx, async ({ trx }) => {
    if (!(await ctx.dialect.lockRow(trx, owner.table, target.id))) throw notFound(owner.words.owner);
    const held = await trx
      .selectFrom('files')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('owner_kind', '=', owner.kind)
      .where('owner_id', '=', target.id)
      .executeTakeFirstOrThrow();
    if (Number(held.n) >= limits.perOwner)
      throw new AppError('CONFLICT', `A ${owner.words.owner} holds at most ${limits.perOwner} ${owner.words.files}`);
    const { sha256, ...file } = await insertFile(trx, {
      scope,
      target,
      ...checked,
      data: upload.data,
      uploadedBy: { kind: ctx.actor.kind, id: ctx.actor.id },
      at: ctx.clock.now().toISOString(),
    });
    await writeAudit(trx, ctx, {
      action: 'create',
      entity: 'file',
      entityId: file.id,
      projectId: scope.projectId,
      after: {
        owner: owner.kind,
        ownerId: target.id,
        purpose: file.purpose,
        itemId: file.itemId,
        name: file.name,
        contentType: file.contentType,
        size: file.size,
        sha256,
      },
    });
    return file;
  });
}

// ---------- listing and reading ----------

/** The files of some owners of one kind, in upload order (the caller has checked it may see the owners). */
export async function listFiles(exec: Executor, owner: FileOwnerKind, ownerIds: number[]): Promise<(FileRecord & { ownerId: number })[]> {
  if (ownerIds.length === 0) return [];
  const rows = await exec
    .selectFrom('files')
    .select([...listColumns, 'owner_id'])
    .where('owner_kind', '=', owner.kind)
    .where('owner_id', 'in', ownerIds)
    .orderBy('owner_id')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ ...toRecord(r), ownerId: r.owner_id }));
}

/** A file's bytes for a caller who may read its owner; not found for anyone else. */
export async function readFile(ctx: ServiceContext, id: number): Promise<{ name: string; contentType: string; data: Buffer }> {
  const meta = await ctx.db.selectFrom('files').select(['company_id', 'owner_kind', 'owner_id']).where('id', '=', id).executeTakeFirst();
  const owner = meta && owners.get(meta.owner_kind);
  if (!meta || !owner || meta.company_id !== ctx.actor.companyId) throw notFound('File');
  try {
    await owner.mayRead(ctx, meta.owner_id, ctx.db);
  } catch (err) {
    // Whoever may not read the owner learns nothing of the file, not even that it exists.
    if (err instanceof AppError && err.code !== 'UNAUTHENTICATED') throw notFound('File');
    throw err;
  }
  const file = await ctx.db.selectFrom('files').select(['name', 'content_type', 'data']).where('id', '=', id).executeTakeFirstOrThrow();
  return { name: file.name, contentType: file.content_type, data: Buffer.from(file.data) };
}
