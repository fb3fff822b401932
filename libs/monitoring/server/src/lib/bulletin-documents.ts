import ExcelJS from 'exceljs';
import { Paragraph, PageBreak, Table, TableRow, WidthType } from 'docx';
import {
  CONNECTION_STATUS_LABELS,
  TIER_LABELS,
  percent,
  type BulletinTableRow,
  type BulletinView,
} from '@hutong/monitoring-model';
import { formatZhDate } from '@hutong/platform-model';
import { SIZE, blank, body, cell, heading, officialDocx, plain, signature, title } from '@hutong/platform-server/docx';
import { safeRow } from '@hutong/platform-server';

/** The attachment table's columns, as the circulars print them. */
export const ATTACHMENT_HEADER = [
  '序号',
  '机构名称',
  '所属区域',
  '联通状态',
  '上传表数量',
  '应传表数量',
  '数据完整率',
  '上传天数',
  '中断天数',
  '数据上传量',
  '梯队',
  '备注',
];

function attachmentCells(r: BulletinTableRow, i: number): (string | number)[] {
  return [
    i + 1,
    r.institution,
    r.region,
    CONNECTION_STATUS_LABELS[r.connection].zh,
    r.tablesUploaded,
    r.tablesRequired,
    percent(r.completeness),
    r.uploadDays,
    r.interruptionDays,
    r.volume,
    r.connection === 'not_connected' ? '—' : r.tier === null ? '未划入' : TIER_LABELS[r.tier].zh,
    r.note ?? '',
  ];
}

const attachmentTitle = (b: BulletinView) =>
  `${b.scopeName}医疗机构数据上传情况表（${formatZhDate(b.period.from)}至${formatZhDate(b.period.to)}）`;

/** The bulletin as an official document (GB/T 9704 layout): title, addressee, narrative, signature, the attachment. */
export function bulletinDocx(b: BulletinView): Promise<Buffer> {
  const rows = [
    new TableRow({
      tableHeader: true,
      children: ATTACHMENT_HEADER.map((t) => cell(t, { bold: true, size: SIZE.small })),
    }),
    ...b.rows.map(
      (r, i) =>
        new TableRow({
          cantSplit: true,
          children: attachmentCells(r, i).map((v) => cell(String(v), { size: SIZE.small })),
        }),
    ),
  ];
  return officialDocx(b.title, [
    title(b.title),
    blank(),
    plain('各有关单位：'),
    body(
      `为推进全民健康信息平台互联互通，现将${formatZhDate(b.period.from)}至${formatZhDate(b.period.to)}${b.scopeName}` +
        '医疗机构数据上传情况通报如下：',
    ),
    ...b.narrative.map(body),
    body(`附件：${attachmentTitle(b)}`),
    blank(),
    ...signature(b.issuer, b.publishedAt ? b.publishedAt.slice(0, 10) : b.asOf),
    new Paragraph({ children: [new PageBreak()] }),
    heading('附件'),
    title(attachmentTitle(b)),
    body(`上传表目录：${b.catalogue}。统计截至${formatZhDate(b.asOf)}。`),
    new Table({
      width: { size: 8845, type: WidthType.DXA },
      // 156 mm of text width
      columnWidths: [450, 1800, 800, 750, 550, 550, 700, 550, 550, 900, 650, 595],
      rows,
    }),
  ]);
}

/** The bulletin's attachment table as a workbook (the same columns), with its narrative on a second sheet. */
export async function bulletinXlsx(b: BulletinView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('附件');
  ws.addRow([attachmentTitle(b)]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, ATTACHMENT_HEADER.length);
  ws.addRow([`上传表目录：${b.catalogue}；统计截至${formatZhDate(b.asOf)}；第${b.version}版`]);
  ws.addRow(ATTACHMENT_HEADER).font = { bold: true };
  b.rows.forEach((r, i) => ws.addRow(safeRow(attachmentCells(r, i))));
  ws.columns.forEach((c, i) => (c.width = [6, 34, 14, 14, 10, 10, 12, 10, 10, 14, 12, 24][i] ?? 12));
  const text = wb.addWorksheet('通报正文');
  text.addRow([b.title]).font = { bold: true };
  for (const p of b.narrative) text.addRow([p]);
  text.getColumn(1).width = 120;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
