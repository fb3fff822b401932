import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { deflateRawSync } from 'node:zlib';
import { TableFormatError, TableLimitError, readTable, type TableLimits } from './table-parser';

const HEADER = '机构编码,名称,层级';
const LIMITS: TableLimits = { maxRows: 1000, maxInflatedBytes: 4 * 1024 * 1024 };

/** A deflated ZIP whose central directory declares `declare(size)` as each entry's size. */
function zip(entries: { name: string; data: Buffer }[], declare = (size: number) => size): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = deflateRawSync(e.data);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(declare(e.data.length), 22);
    head.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(declare(e.data.length), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(head, name, packed);
    centrals.push(central, name);
    offset += head.length + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const sheet = (rows: number) =>
  Buffer.from(
    `<worksheet><sheetData>${'<row r="1"><c t="inlineStr"><is><t>x</t></is></c></row>'.repeat(rows)}</sheetData></worksheet>`,
  );

describe('readTable', () => {
  it('reads UTF-8 CSV with a BOM and quoted commas', async () => {
    const sut = await readTable(Buffer.from(`\uFEFF${HEADER}\nA1,"医院,分院",机构\n`, 'utf8'), LIMITS);
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
    expect(await readTable(gb, LIMITS)).toEqual([
      ['编码', '名称'],
      ['A1', '医院'],
    ]);
  });

  it('reads the first sheet of an XLSX by its content, whatever the file is called', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('机构');
    ws.addRow(['机构编码', '名称', '层级']);
    ws.addRow(['411502', { richText: [{ text: '浉河' }, { text: '区' }] }, 2]);
    const sut = await readTable(Buffer.from(await wb.xlsx.writeBuffer()), LIMITS);
    expect(sut).toEqual([
      ['机构编码', '名称', '层级'],
      ['411502', '浉河区', '2'],
    ]);
  });

  it('rejects a binary file that is neither', async () => {
    await expect(readTable(Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0x01]), LIMITS)).rejects.toBeInstanceOf(
      TableFormatError,
    );
  });

  it('rejects a broken ZIP that claims to be XLSX', async () => {
    await expect(readTable(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), LIMITS)).rejects.toThrow('无法读取XLSX文件');
  });

  it('reports malformed CSV quoting as a format error', async () => {
    await expect(readTable(Buffer.from('a,b\n"unterminated,1\n'), LIMITS)).rejects.toBeInstanceOf(TableFormatError);
  });

  describe('limits', () => {
    const rejection = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(TableLimitError);
      return e as TableLimitError;
    };

    it('refuses an XLSX whose directory declares more than the inflated limit, before inflating it', async () => {
      const bomb = zip([
        { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
        { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(5 * 1024 * 1024, 0x20) },
      ]);
      expect(bomb.length).toBeLessThan(10 * 1024);
      const e = await rejection(readTable(bomb, LIMITS));
      expect(e.code).toBe('import.inflated_too_large');
      expect(e.message).toBe('XLSX文件解压后超过 4 MB，请拆分后再导入');
    });

    it('refuses a zip bomb that lies about its sizes (the inflate is capped)', async () => {
      const liar = zip(
        [
          { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
          { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(50 * 1024 * 1024, 0x20) },
        ],
        () => 100,
      );
      expect((await rejection(readTable(liar, LIMITS))).code).toBe('import.inflated_too_large');
    });

    it('refuses a worksheet with more rows than allowed before exceljs reads it', async () => {
      const many = zip([{ name: 'xl/worksheets/sheet1.xml', data: sheet(1002) }]);
      const e = await rejection(readTable(many, LIMITS));
      expect(e.code).toBe('import.too_many_rows');
      expect(e.message).toBe('一次最多导入 1000 行，请拆分后再导入');
    });

    it('refuses a CSV with more rows than allowed, and accepts one at the limit', async () => {
      const csv = (n: number) => Buffer.from(`${HEADER}\n` + 'A1,医院,机构\n'.repeat(n));
      expect((await rejection(readTable(csv(1001), LIMITS))).code).toBe('import.too_many_rows');
      expect(await readTable(csv(1000), LIMITS)).toHaveLength(1001);
    });

    it('reads a real XLSX at the row limit', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('机构');
      ws.addRow(['机构编码', '名称', '层级']);
      for (let i = 0; i < 1000; i++) ws.addRow([`A${i}`, '医院', '机构']);
      expect(await readTable(Buffer.from(await wb.xlsx.writeBuffer()), LIMITS)).toHaveLength(1001);
      ws.addRow(['A-last', '医院', '机构']);
      const over = await rejection(readTable(Buffer.from(await wb.xlsx.writeBuffer()), LIMITS));
      expect(over.code).toBe('import.too_many_rows');
    });
  });
});
