import ExcelJS from 'exceljs';
import { writeZip } from '@hutong/platform-model/testing';
import { CONFORMANCE_FILE_MAX_BYTES, CONFORMANCE_FILE_MAX_ROWS, type ConformanceRow } from '@hutong/review-model';
import { CONFORMANCE_XLSX_MAX_INFLATED_BYTES, readConformanceFile } from './conformance-file';

/** The signature of a zip's central directory header. */
const CENTRAL = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
const HEADER = '类别,编号,名称,标准,测试数,通过数,未通过数,结论';
const csv = (...lines: string[]): Buffer => Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');

const row = (over: Partial<ConformanceRow>): ConformanceRow => ({
  category: 'dataset',
  code: 'HDSD00.01',
  name: '',
  standard: '',
  tested: 10,
  passed: 10,
  failed: 0,
  result: 'pass',
  ...over,
});

async function xlsx(fill: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('测试结果'));
  wb.addWorksheet('说明').addRow(['第二个工作表不读']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('readConformanceFile', () => {
  describe('CSV', () => {
    it('reads a UTF-8 CSV with a BOM and Chinese headers, through the model’s rules', async () => {
      const file = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        csv(
          HEADER,
          '数据集,HDSD00.01,电子病历基本数据集,WS 445,10,10,0,通过',
          '共享文档,C0001,病历概要,WS/T 500,6,5,1,不通过',
        ),
      ]);
      expect(await readConformanceFile(file, '测试报告.CSV')).toEqual({
        rows: [
          row({ name: '电子病历基本数据集', standard: 'WS 445' }),
          row({
            category: 'document',
            code: 'C0001',
            name: '病历概要',
            standard: 'WS/T 500',
            tested: 6,
            passed: 5,
            failed: 1,
            result: 'fail',
          }),
        ],
        errors: [],
      });
    });

    it('handles quoted commas, doubled quotes, line breaks inside quotes, LF or CRLF, and a stray quote as text', async () => {
      const text = [
        '测试类别,编码,名称,依据标准,测试用例数,通过数,不通过数,测试结论',
        '数据集,A1,"基本信息,人口学",WS 445,1,1,0,通过',
        '数据集,A2,"所谓""主索引""",WS 445,1,1,0,通过',
        '数据集,A3,"第一行\r\n第二行",WS 445,1,1,0,通过',
        '数据集,A4,5"寸,WS 445,1,1,0,通过',
      ].join('\n');
      const { rows, errors } = await readConformanceFile(Buffer.from(text), 'r.csv');
      expect(errors).toEqual([]);
      expect(rows.map((r) => r.name)).toEqual(['基本信息,人口学', '所谓"主索引"', '第一行\r\n第二行', '5"寸']);
    });

    it('reads a GB18030 CSV (what Excel writes on Chinese Windows)', async () => {
      // "类别,编号,名称,测试数,通过数,未通过数,结论\r\n交互服务,S01,个人信息注册服务,8,8,0,通过\r\n" in GB18030
      const gb = Buffer.from(
        'c0e0b1f02cb1e0bac52cc3fbb3c62cb2e2cad4cafd2ccda8b9fdcafd2cceb4cda8b9fdcafd2cbde1c2db0d0a' +
          'bdbbbba5b7fecef12c5330312cb8f6c8cbd0c5cfa2d7a2b2e1b7fecef12c382c382c302ccda8b9fd0d0a',
        'hex',
      );
      expect(await readConformanceFile(gb, 'gb.csv')).toEqual({
        rows: [row({ category: 'service', code: 'S01', name: '个人信息注册服务', tested: 8, passed: 8 })],
        errors: [],
      });
    });

    it('names the row of an error, counting blank lines and the header as rows', async () => {
      const file = csv(HEADER, '数据集,A1,,,10,10,0,通过', '', '数据集,A2,,,10,9,0,通过', '数据集,A3,,,2,2,0,通过');
      const { rows, errors } = await readConformanceFile(file, 'r.csv');
      expect(rows.map((r) => r.code)).toEqual(['A1', 'A3']);
      expect(errors).toEqual([
        {
          row: 4,
          column: 'tested',
          code: 'review.conformance_counts_mismatch',
          params: { tested: 10, passed: 9, failed: 0 },
        },
      ]);
    });

    it('passes header errors through on row 1, and an empty file as no header', async () => {
      expect((await readConformanceFile(csv('类别,编号,测试数,通过数'), 'r.csv')).errors).toEqual([
        { row: 1, column: 'failed', code: 'review.conformance_missing_column', params: { column: 'failed' } },
      ]);
      expect(await readConformanceFile(Buffer.alloc(0), 'r.csv')).toEqual({
        rows: [],
        errors: [{ row: 1, code: 'review.conformance_no_header' }],
      });
    });

    it('refuses an unclosed quote with its line, and a binary file', async () => {
      expect(await readConformanceFile(csv(HEADER, '数据集,A1,"未闭合,,10,10,0,通过'), 'r.csv')).toEqual({
        rows: [],
        errors: [{ row: 0, code: 'review.conformance_bad_csv', params: { row: 2 } }],
      });
      expect((await readConformanceFile(Buffer.from([0x41, 0x00, 0x42]), 'r.csv')).errors).toEqual([
        { row: 0, code: 'review.conformance_file_unreadable', params: { ext: 'CSV' } },
      ]);
    });
  });

  describe('XLSX', () => {
    it('reads the first worksheet: numbers, formulas, rich text and hyperlinks as text', async () => {
      const file = await xlsx((ws) => {
        ws.addRow(['编号', '类别', '名称', '测试数', '通过数', '未通过数', '结论', '备注']);
        ws.addRow(['HDSD00.01', '数据集', '电子病历基本数据集', 10, 10, 0, '通过', '']);
        ws.addRow([
          { richText: [{ text: 'C' }, { text: '0001', font: { bold: true } }] },
          { text: '共享文档', hyperlink: 'https://example.org' },
          '病历概要',
          { formula: 'E3+F3', result: 6 },
          5,
          1,
          '不通过',
          '',
        ]);
      });
      expect(await readConformanceFile(file, 'report.xlsx')).toEqual({
        rows: [
          row({ name: '电子病历基本数据集' }),
          row({
            category: 'document',
            code: 'C0001',
            name: '病历概要',
            tested: 6,
            passed: 5,
            failed: 1,
            result: 'fail',
          }),
        ],
        errors: [],
      });
    });

    it('names the sheet row of an error, blank rows included', async () => {
      const file = await xlsx((ws) => {
        ws.addRow(['类别', '编号', '测试数', '通过数', '未通过数']);
        ws.getRow(4).values = ['病历', 'X1', 1, 1, 0];
      });
      expect(await readConformanceFile(file, 'r.xlsx')).toEqual({
        rows: [],
        errors: [
          { row: 4, column: 'category', code: 'review.conformance_unknown_category', params: { value: '病历' } },
        ],
      });
    });

    it('refuses what is not a workbook: not a zip, or a zip without a worksheet', async () => {
      expect((await readConformanceFile(csv(HEADER), 'r.xlsx')).errors).toEqual([
        { row: 0, code: 'review.conformance_file_unreadable', params: { ext: 'XLSX' } },
      ]);
      const notWorkbook = Buffer.from(writeZip([{ name: 'hello.txt', data: 'hi' }]));
      expect((await readConformanceFile(notWorkbook, 'r.xlsx')).errors[0]?.code).toBe(
        'review.conformance_file_unreadable',
      );
    });

    it('refuses an XLSX that unpacks past the limit, whether its sizes say so or lie', async () => {
      // distinct long strings of one letter: over 20 MB unpacked, a few hundred KB packed
      const file = await xlsx((ws) => {
        const n = Math.ceil(CONFORMANCE_XLSX_MAX_INFLATED_BYTES / 32_000) + 10;
        for (let i = 0; i < n; i++) ws.addRow([`${i}`.padEnd(32_000, 'x')]);
      });
      expect(file.length).toBeLessThan(CONFORMANCE_FILE_MAX_BYTES);
      const refused = {
        rows: [],
        errors: [{ row: 0, code: 'review.conformance_file_inflated_too_large', params: { max: 20 } }],
      };
      expect(await readConformanceFile(file, 'r.xlsx')).toEqual(refused);
      // the central directory claims every entry unpacks to 1 byte: the capped inflation still stops it
      const lying = Buffer.from(file);
      for (let at = lying.indexOf(CENTRAL); at >= 0; at = lying.indexOf(CENTRAL, at + 4))
        lying.writeUInt32LE(1, at + 24);
      expect(await readConformanceFile(lying, 'r.xlsx')).toEqual(refused);
    });
  });

  describe('limits', () => {
    it('refuses a file over CONFORMANCE_FILE_MAX_BYTES (2 MB) before reading it', async () => {
      const big = Buffer.alloc(CONFORMANCE_FILE_MAX_BYTES + 1, 0x20);
      expect(await readConformanceFile(big, 'r.csv')).toEqual({
        rows: [],
        errors: [{ row: 0, code: 'review.conformance_file_too_large', params: { max: 2 } }],
      });
      // exactly at the limit is read: long names, the last one padded to the byte
      const lines = [HEADER, ...Array.from({ length: 3300 }, (_, i) => `数据集,A${i},${'名'.repeat(200)},,1,1,0,通过`)];
      const short = Buffer.byteLength(csv(...lines));
      lines.push(
        `数据集,LAST,${'x'.repeat(CONFORMANCE_FILE_MAX_BYTES - short - Buffer.byteLength('数据集,LAST,,,1,1,0,通过\r\n'))},,1,1,0,通过`,
      );
      const full = csv(...lines);
      expect(full.length).toBe(CONFORMANCE_FILE_MAX_BYTES);
      const read = await readConformanceFile(full, 'r.csv');
      expect([read.rows.length, read.errors]).toEqual([3301, []]);
    });

    it('refuses more than CONFORMANCE_FILE_MAX_ROWS data rows, in a CSV and in a sheet', async () => {
      const lines = (n: number) => Array.from({ length: n }, (_, i) => `数据集,D${i},,,1,1,0,通过`);
      expect((await readConformanceFile(csv(HEADER, ...lines(CONFORMANCE_FILE_MAX_ROWS)), 'r.csv')).rows).toHaveLength(
        CONFORMANCE_FILE_MAX_ROWS,
      );
      expect(await readConformanceFile(csv(HEADER, ...lines(CONFORMANCE_FILE_MAX_ROWS + 1)), 'r.csv')).toEqual({
        rows: [],
        errors: [{ row: 0, code: 'review.conformance_too_many_rows', params: { max: CONFORMANCE_FILE_MAX_ROWS } }],
      });
      const sheet = await xlsx((ws) => {
        ws.addRow(['类别', '编号', '测试数', '通过数', '未通过数']);
        ws.getRow(CONFORMANCE_FILE_MAX_ROWS + 2).values = ['数据集', 'D1', 1, 1, 0];
      });
      expect((await readConformanceFile(sheet, 'r.xlsx')).errors).toEqual([
        { row: 0, code: 'review.conformance_too_many_rows', params: { max: CONFORMANCE_FILE_MAX_ROWS } },
      ]);
    });

    it('refuses a file type other than .csv and .xlsx', async () => {
      expect(await readConformanceFile(csv(HEADER), 'report.xls')).toEqual({
        rows: [],
        errors: [{ row: 0, code: 'review.conformance_file_type', params: { ext: 'xls' } }],
      });
      expect((await readConformanceFile(csv(HEADER), 'report')).errors).toEqual([
        { row: 0, code: 'review.conformance_file_type', params: { ext: 'report' } },
      ]);
    });
  });
});
