import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { TableFormatError, readTable } from './table-parser';

const HEADER = '机构编码,名称,层级';

describe('readTable', () => {
  it('reads UTF-8 CSV with a BOM and quoted commas', async () => {
    const sut = await readTable(Buffer.from(`\uFEFF${HEADER}\nA1,"医院,分院",机构\n`, 'utf8'));
    expect(sut).toEqual([
      ['机构编码', '名称', '层级'],
      ['A1', '医院,分院', '机构'],
    ]);
  });

  it('reads GB18030 CSV as Excel writes it on Chinese Windows', async () => {
    const gb = Buffer.from(
      new Uint8Array([
        // "编码,名称\nA1,医院\n" encoded in GB18030
        0xb1, 0xe0, 0xc2, 0xeb, 0x2c, 0xc3, 0xfb, 0xb3, 0xc6, 0x0a, 0x41, 0x31, 0x2c, 0xd2, 0xbd, 0xd4, 0xba, 0x0a,
      ]),
    );
    expect(await readTable(gb)).toEqual([
      ['编码', '名称'],
      ['A1', '医院'],
    ]);
  });

  it('reads the first sheet of an XLSX by its content, whatever the file is called', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('机构');
    ws.addRow(['机构编码', '名称', '层级']);
    ws.addRow(['411502', { richText: [{ text: '浉河' }, { text: '区' }] }, 2]);
    const sut = await readTable(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(sut).toEqual([
      ['机构编码', '名称', '层级'],
      ['411502', '浉河区', '2'],
    ]);
  });

  it('rejects a binary file that is neither', async () => {
    await expect(readTable(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]))).rejects.toBeInstanceOf(TableFormatError);
  });

  it('rejects a broken ZIP that claims to be XLSX', async () => {
    await expect(readTable(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).rejects.toThrow('无法读取XLSX文件');
  });

  it('reports malformed CSV quoting as a format error', async () => {
    await expect(readTable(Buffer.from('a,b\n"unterminated,1\n'))).rejects.toBeInstanceOf(TableFormatError);
  });
});
