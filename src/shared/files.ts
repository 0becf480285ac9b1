/**
 * Stored files (server/platform/files.ts): ticket photos, archive files, visit photos and the files of
 * every later module share one table, one shape and one address.
 */
import { z } from 'zod';

/** Every type Guanjia stores, recognised from the file's first bytes (never from its name). */
export const fileTypes = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type FileType = (typeof fileTypes)[number];
/** The types a photo may have. */
export const imageTypes = ['image/jpeg', 'image/png', 'image/webp'] as const satisfies readonly FileType[];

/** Where a stored file is served: `GET /api/files/:id` (images inline, PDFs as downloads). */
export const fileUrl = (id: number) => `/api/files/${id}`;

/** A stored file as lists show it; the bytes are at `url`. */
export const storedFile = z.object({
  id: z.number(),
  /** The uploader's file name, made printable (no path, no control characters, at most 120 characters). */
  name: z.string(),
  /** Recognised from the bytes. */
  contentType: z.string(),
  size: z.number(),
  url: z.string(),
  createdAt: z.string(),
});
export type StoredFile = z.infer<typeof storedFile>;
