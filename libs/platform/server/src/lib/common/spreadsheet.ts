/**
 * Cells of every export (XLSX, CSV) go through here. A text that starts with = + - @ or a tab / CR
 * is taken for a formula by Excel and LibreOffice (CSV or formula injection, OWASP): it gets a
 * leading single quote, which shows it as text. Numbers, dates and booleans stay what they are, so
 * a genuine negative number is still a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

/** safeCell on every value of an exceljs row (an object by column key, or an array). */
export function safeRow<T extends Record<string, unknown> | unknown[]>(row: T): T {
  if (Array.isArray(row)) return row.map(safeCell) as T;
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, safeCell(v)])) as T;
}
