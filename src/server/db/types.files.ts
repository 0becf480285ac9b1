import type { Generated } from 'kysely';

/** Tables of migration 0011_files: the one table of stored files (platform/files.ts). */
export interface FileTables {
  files: FilesTable;
  files_moved: FilesMovedTable;
}

export interface FilesTable {
  id: Generated<number>;
  company_id: number;
  /** Null for a file of the company as a whole. */
  project_id: number | null;
  /** The registered kind of owner: ticket, archive (a customer's), visit … */
  owner_kind: string;
  owner_id: number;
  /** What the file is for inside its owner (an archive section); null when the owner has one kind. */
  purpose: string | null;
  /** A record inside the owner the file belongs to (an archive entry). */
  item_id: number | null;
  name: string;
  content_type: string;
  size: number;
  /** Hex SHA-256 of the bytes. */
  sha256: string;
  data: Buffer;
  uploaded_by_kind: string;
  uploaded_by_id: number;
  created_at: string;
}

/** Where the rows of the former attachments, archive_files and visit_photos tables went. */
export interface FilesMovedTable {
  /** attachments | archive_files | visit_photos */
  source: string;
  old_id: number;
  file_id: number;
}
