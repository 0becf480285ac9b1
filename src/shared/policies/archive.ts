/** The customer archive (客户档案, seed 002 制度4; seed 003; seed 004 考核内容十). */
import { z } from 'zod';
import { fileTypes } from '../files.ts';
import { definePolicySection, field, labels, type Labels } from './fields.ts';

const weight = (label: Labels) => field(z.number().min(0).max(100), { label });

export const archiveSection = definePolicySection({
  id: 'archive',
  label: labels('客户档案', '客戶檔案', 'Customer archive'),
  shape: {
    archive: field(
      z.object({
        /** 业主进户预留三个能够联系上他的联系方式 — ways an owner can be reached (seed 003). */
        minContactWays: field(z.number().int().min(1).max(10), {
          label: labels('业主至少预留联系方式', '業主至少預留聯繫方式', 'Ways to reach an owner (minimum)'),
          unit: 'ways',
        }),
        /**
         * Weight of each completeness check in the 资料完整率 score (0–100 %); a check that does not apply
         * to a customer (an ID number for an organisation) is left out of both sides of the ratio.
         */
        completenessWeights: field(
          z.object({
            contactWays: weight(labels('联系方式', '聯繫方式', 'Ways to reach')),
            emergencyContact: weight(labels('紧急联系人', '緊急聯絡人', 'Emergency contact')),
            moveInForm: weight(labels('迁入资料', '遷入資料', 'Move-in form')),
            idDocument: weight(labels('证件', '證件', 'ID document')),
            organisationInfo: weight(labels('单位资料', '單位資料', 'Organisation details')),
          }),
          {
            label: labels('完整率权重', '完整率權重', 'Completeness weights'),
            help: labels(
              '各项在资料完整率中的权重；不适用于该客户的项目不计入',
              '各項在資料完整率中的權重；不適用於該客戶的項目不計入',
              'Weight of each check in the completeness score; a check that does not apply to a customer is left out',
            ),
          },
        ),
        /** Largest file attached to an archive section, in bytes. */
        maxFileBytes: field(
          z
            .number()
            .int()
            .min(1024)
            .max(20 * 1024 * 1024),
          { label: labels('档案文件大小上限', '檔案文件大小上限', 'Largest archive file'), unit: 'bytes' },
        ),
        /** File types accepted in archive sections (recognised from the bytes, not the name). */
        fileTypes: field(z.array(z.enum(fileTypes)).min(1), {
          label: labels('可上传的文件类型', '可上傳的文件類型', 'File types accepted'),
          help: labels('按文件内容识别，而非文件名', '按文件內容識別，而非文件名', 'Recognised from the content, not the name'),
          options: {
            'image/jpeg': labels('JPEG 图片', 'JPEG 圖片', 'JPEG image'),
            'image/png': labels('PNG 图片', 'PNG 圖片', 'PNG image'),
            'image/webp': labels('WebP 图片', 'WebP 圖片', 'WebP image'),
            'application/pdf': labels('PDF 文档', 'PDF 文件', 'PDF document'),
          },
        }),
        /** Files per customer. */
        maxFilesPerCustomer: field(z.number().int().min(1).max(1000), {
          label: labels('每位客户文件数上限', '每位客戶文件數上限', 'Files per customer'),
          unit: 'files',
        }),
        /** Largest .xlsx accepted by the import, in bytes. */
        importMaxBytes: field(
          z
            .number()
            .int()
            .min(1024 * 1024)
            .max(200 * 1024 * 1024),
          { label: labels('导入 Excel 大小上限', '匯入 Excel 大小上限', 'Largest Excel import'), unit: 'bytes' },
        ),
      }),
      { label: labels('客户档案', '客戶檔案', 'Customer archive') },
    ),
  },
  defaults: {
    archive: {
      minContactWays: 3,
      completenessWeights: { contactWays: 30, emergencyContact: 25, moveInForm: 25, idDocument: 20, organisationInfo: 20 },
      maxFileBytes: 5 * 1024 * 1024,
      fileTypes: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'],
      maxFilesPerCustomer: 200,
      importMaxBytes: 60 * 1024 * 1024,
    },
  },
});
