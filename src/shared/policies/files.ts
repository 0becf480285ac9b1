/** Stored files (server/platform/files.ts): the limits of ticket and visit photos. Archive files keep theirs under `archive`. */
import { z } from 'zod';
import { definePolicySection, field, labels } from './fields.ts';

export const filesSection = definePolicySection({
  id: 'files',
  label: labels('照片与文件', '照片與檔案', 'Photos and files'),
  shape: {
    files: field(
      z.object({
        /** Largest photo, in bytes. */
        photoMaxBytes: field(
          z
            .number()
            .int()
            .min(64 * 1024)
            .max(20 * 1024 * 1024),
          { label: labels('照片大小上限', '照片大小上限', 'Largest photo'), unit: 'bytes' },
        ),
        /** Photos one ticket holds (the resident's and the staff's together). */
        photosPerTicket: field(z.number().int().min(1).max(200), {
          label: labels('每张工单照片数', '每張工單照片數', 'Photos per ticket'),
          unit: 'files',
        }),
        /** Photos one visit holds (有照片: at least one makes a butler's visit count). */
        photosPerVisit: field(z.number().int().min(1).max(200), {
          label: labels('每次拜访照片数', '每次拜訪照片數', 'Photos per visit'),
          unit: 'files',
        }),
      }),
      { label: labels('照片与文件', '照片與檔案', 'Photos and files') },
    ),
  },
  defaults: { files: { photoMaxBytes: 5 * 1024 * 1024, photosPerTicket: 20, photosPerVisit: 10 } },
});
