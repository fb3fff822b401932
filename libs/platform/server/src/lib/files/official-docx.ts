import {
  AlignmentType,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TableCell,
  TextRun,
  VerticalAlignTable,
  type Table,
} from 'docx';
import { formatZhDate } from '@hutong/platform-model';

// The layout of GB/T 9704-2012 (党政机关公文格式): A4, 37 mm top and 28 mm left margins, the title in 2号 小标宋,
// the body in 3号 仿宋 on a fixed 28 pt line, 一、 headings in 黑体, tables in 小四 宋体, the page number as — 1 —.
// The Chinese font goes in eastAsia (Word picks the font by script); Latin letters and digits in Times New Roman.
// The capabilities' documents (the review's meeting notice, the monitoring's bulletin) are written with these.
const LATIN = 'Times New Roman';
const font = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, cs: LATIN, eastAsia });
export const TITLE_FONT = font('方正小标宋简体');
export const HEADING_FONT = font('黑体');
export const BODY_FONT = font('仿宋');
export const TABLE_FONT = font('宋体');
/** half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt */
export const SIZE = { title: 44, body: 32, footer: 28, table: 24, small: 21 } as const;
export const LINE = { line: 560, lineRule: LineRuleType.EXACT };
/** one character of 三号 text, in twips */
export const CHAR = 320;
export const DASH = '—';

export const run = (text: string, opts: { font?: typeof BODY_FONT; size?: number; bold?: boolean } = {}): TextRun =>
  new TextRun({ text, font: opts.font ?? BODY_FONT, size: opts.size ?? SIZE.body, bold: opts.bold });

/** A body paragraph: indented two characters, the text in 仿宋. */
export const body = (text: string): Paragraph =>
  new Paragraph({ children: [run(text)], indent: { firstLineChars: 200 }, spacing: LINE });
export const heading = (text: string): Paragraph =>
  new Paragraph({ children: [run(text, { font: HEADING_FONT })], indent: { firstLineChars: 200 }, spacing: LINE });
export const blank = (): Paragraph => new Paragraph({ children: [run('')], spacing: LINE });
export const title = (text: string): Paragraph =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { line: 700, lineRule: LineRuleType.EXACT },
    children: [run(text, { font: TITLE_FONT, size: SIZE.title })],
  });
/** Left-aligned, not indented (an addressee line: 各县区卫生健康委：). */
export const plain = (text: string): Paragraph => new Paragraph({ spacing: LINE, children: [run(text)] });

/** The issuer and the date at the bottom right, two characters in from the margin. */
export const signature = (issuer: string, date: string): Paragraph[] =>
  [issuer, formatZhDate(date)].map(
    (text) =>
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        indent: { right: 2 * CHAR },
        spacing: LINE,
        children: [run(text)],
      }),
  );

/** A centred table cell in 小四 宋体 (黑体 for a header). */
export function cell(text: string, opts: { bold?: boolean; columnSpan?: number; size?: number } = {}): TableCell {
  return new TableCell({
    columnSpan: opts.columnSpan,
    verticalAlign: VerticalAlignTable.CENTER,
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [run(text, { font: opts.bold ? HEADING_FONT : TABLE_FONT, size: opts.size ?? SIZE.table })],
      }),
    ],
  });
}

/** A one-section A4 document in this layout, the page number centred in the footer. */
export function officialDocx(docTitle: string, children: (Paragraph | Table)[]): Promise<Buffer> {
  const doc = new Document({
    creator: 'Hutong',
    title: docTitle,
    styles: {
      default: { document: { run: { font: BODY_FONT, size: SIZE.body, language: { eastAsia: 'zh-CN' } } } },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: '210mm', height: '297mm' },
            margin: { top: '37mm', bottom: '35mm', left: '28mm', right: '26mm', footer: '28mm' },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: [`${DASH} `, PageNumber.CURRENT, ` ${DASH}`], font: TABLE_FONT, size: 28 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
