import ExcelJS from 'exceljs';
import { AppError } from '../errors';

/** A sheet with a bold header row and sensible widths; returns the .xlsx bytes. */
export async function buildWorkbook(sheetName: string, headers: string[], rows: (string | number | null)[][], notes?: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(headers).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c, i) => {
    c.width = Math.max(12, (headers[i]?.length ?? 0) * 2 + 4);
  });
  if (notes?.length) {
    const help = wb.addWorksheet('填写说明');
    for (const n of notes) help.addRow([n]);
    help.getColumn(1).width = 100;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface SheetRow {
  /** 1-based row number as Excel shows it. */
  row: number;
  values: Record<string, string>;
}

/**
 * Reads the first sheet: row 1 holds the headers; every later non-empty row is returned with
 * its cells as trimmed strings keyed by header text.
 */
export async function readSheet(data: Buffer): Promise<{ headers: string[]; rows: SheetRow[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw new AppError('IMPORT_FILE_INVALID');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError('IMPORT_FILE_INVALID');
  const headers: string[] = [];
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    headers[col] = cellText(cell.value);
  });
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const values: Record<string, string> = {};
    headers.forEach((h, col) => {
      if (h) values[h] = cellText(row.getCell(col).value);
    });
    if (Object.values(values).some((v) => v !== '')) rows.push({ row: n, values });
  });
  return { headers: headers.filter(Boolean), rows };
}

function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in v) return String(v.text).trim();
    if ('error' in v) return v.error;
    // A formula: its cached result, absent when the file was saved without calculating.
    return 'result' in v ? cellText(v.result ?? null) : '';
  }
  return String(v).trim();
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** RFC 5987 filename so Chinese names survive the header. */
export const attachment = (name: string) => `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
