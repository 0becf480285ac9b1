/**
 * Excel output of the registers and statistics: one title row (project, period, form name), a
 * styled header row, fixed column widths, the title and header frozen, A4 landscape when printed.
 */
import ExcelJS from 'exceljs';

export type CellValue = string | number | null;

export interface SheetColumn {
  header: string;
  /** Width in characters (a Chinese character counts about 2). */
  width: number;
  /** Excel number format, e.g. '0.00%'. */
  numFmt?: string;
}

export interface SheetSpec {
  /** Tab name (≤ 31 characters, no []:*?/\). */
  name: string;
  /** The title row, e.g. "翠湖花园 2026年11月 客户月投诉统计表". */
  title: string;
  columns: SheetColumn[];
  rows: CellValue[][];
  /** Row indexes (0-based, within rows) shown in bold, e.g. a total row. */
  boldRows?: number[];
}

const thin = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** Builds the workbook; row 1 is the title, row 2 the header, data from row 3. */
export async function buildWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Guanjia 管家';
  wb.created = new Date(0);
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 2 }],
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:2' },
    });
    ws.columns = spec.columns.map((c) => ({ width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
    const count = Math.max(1, spec.columns.length);

    const title = ws.getRow(1);
    title.getCell(1).value = spec.title;
    title.height = 28;
    ws.mergeCells(1, 1, 1, count);
    title.getCell(1).font = { bold: true, size: 14 };
    title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };

    const header = ws.getRow(2);
    spec.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = border;
    });
    header.height = 32;

    const bold = new Set(spec.boldRows ?? []);
    spec.rows.forEach((values, r) => {
      const row = ws.getRow(r + 3);
      values.forEach((v, i) => {
        const cell = row.getCell(i + 1);
        cell.value = v;
        cell.border = border;
        cell.alignment = { vertical: 'top', wrapText: typeof v === 'string' && v.length > 12 };
        if (spec.columns[i]?.numFmt) cell.numFmt = spec.columns[i].numFmt!;
        if (bold.has(r)) cell.font = { bold: true };
      });
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A Content-Disposition for a download with a Chinese file name: an ASCII fallback for old clients
 * and the real name encoded per RFC 5987 / RFC 6266 (filename*=UTF-8''…).
 */
export function attachmentHeader(filename: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(filename).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const ascii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Excel files carry local times as text, YYYY-MM-DD HH:mm in the project's zone. */
export function localDateTime(iso: string | null, timeZone: string): string | null {
  if (!iso) return null;
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts: Record<string, string> = {};
  for (const p of format.formatToParts(new Date(iso))) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
