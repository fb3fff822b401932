import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { safeCell, safeRow } from './spreadsheet';

describe('safeCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","点此")', `'=HYPERLINK("http://evil.example","点此")`],
    ['+1+cmd|" /C calc"!A0', `'+1+cmd|" /C calc"!A0`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A2)', `'@SUM(A1:A2)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
  ])('neutralises %j', (input, output) => {
    expect(safeCell(input)).toBe(output);
  });

  it.each(['信阳市中心医院', 'A=B', '1-2', '', "'=already quoted"])('leaves %j alone', (input) => {
    expect(safeCell(input)).toBe(input);
  });

  it('keeps numbers (negative ones too), dates, booleans and empty values as they are', () => {
    const d = new Date('2026-11-22T00:00:00Z');
    expect([safeCell(-3.5), safeCell(0), safeCell(d), safeCell(true), safeCell(null), safeCell(undefined)]).toEqual([
      -3.5,
      0,
      d,
      true,
      null,
      undefined,
    ]);
  });

  it('writes a workbook whose formula-like text reads back as text and whose numbers stay numeric', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.columns = [
      { header: 'name', key: 'name' },
      { header: 'n', key: 'n' },
    ];
    ws.addRow(safeRow({ name: '=1+1', n: -5 }));
    ws.addRow(safeRow(['@cmd', -1.5]));
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await wb.xlsx.writeBuffer());
    const sheet = back.worksheets[0];
    expect(sheet.getRow(2).values).toEqual([undefined, "'=1+1", -5]);
    expect(sheet.getRow(3).values).toEqual([undefined, "'@cmd", -1.5]);
    expect(sheet.getRow(2).getCell(1).formula).toBeUndefined();
  });
});
