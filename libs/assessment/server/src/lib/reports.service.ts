import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import ExcelJS from 'exceljs';
import {
  AlignmentType,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { GRADE_LABELS_ZH, KIND_LABELS_ZH, formatZhDate } from '@hutong/platform-model';
import { ASSESSMENT_LEVEL_LABELS_ZH, STATE_LABELS_ZH, leavesUpTo } from '@hutong/assessment-model';
import type { ApplicationState } from '@hutong/assessment-model';
import { Application, Cycle } from './entities/assessment.entities';
import type { Principal } from '@hutong/platform-server';
import { conflict, notFound } from '@hutong/platform-server';
import { safeRow } from '@hutong/platform-server';

// rated: referred (the national body reviews the rating), under publicity or objection, published, not passed
const REPORTABLE = ['referred', 'publicity', 'objection', 'published', 'not_passed'];

/** The results list (XLSX) of a cycle and the assessment report (测评报告, DOCX) of an application. */
@Injectable()
export class ReportsService {
  constructor(private readonly em: EntityManager) {}

  async resultsXlsx(user: Principal, cycleId: string): Promise<Buffer> {
    const cycle = await this.em.findOne(Cycle, { id: cycleId });
    if (!cycle) throw notFound('cycle');
    const apps = await this.em.find(
      Application,
      { cycle: cycleId, organisation: { path: { $like: `${user.scopePath}%` } } },
      { populate: ['organisation', 'scheme'], orderBy: { organisation: { code: 'asc' } } },
    );
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Hutong';
    const ws = wb.addWorksheet('测评结果');
    ws.columns = [
      { header: '机构编码', key: 'code', width: 22 },
      { header: '申请单位', key: 'name', width: 34 },
      { header: '类型', key: 'kind', width: 12 },
      { header: '医院等级', key: 'grade', width: 10 },
      { header: '申报等级', key: 'target', width: 10 },
      { header: '状态', key: 'state', width: 10 },
      { header: '评定等级', key: 'level', width: 10 },
      { header: '共识总分', key: 'total', width: 10 },
      { header: '公示截止', key: 'publicity', width: 16 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const a of apps) {
      const leaves = leavesUpTo(a.scheme.tree, a.targetLevel);
      const total = leaves.reduce((s, l) => s + (a.consensusScores[l.code] ?? 0), 0);
      ws.addRow(
        safeRow({
          code: a.organisation.code,
          name: a.organisation.name,
          kind: KIND_LABELS_ZH[a.organisation.kind],
          grade: a.organisation.grade ? GRADE_LABELS_ZH[a.organisation.grade] : '',
          target: ASSESSMENT_LEVEL_LABELS_ZH[a.targetLevel],
          state: STATE_LABELS_ZH[a.state as ApplicationState],
          level: a.achievedLevel ? ASSESSMENT_LEVEL_LABELS_ZH[a.achievedLevel] : '',
          total: Object.keys(a.consensusScores).length ? Math.round(total * 10) / 10 : '',
          publicity: a.publicityEndsAt ? formatZhDate(a.publicityEndsAt) : '',
        }),
      );
    }
    ws.addRow([]);
    ws.addRow(safeRow([`${cycle.name}：共 ${apps.length} 家申请单位`]));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  async reportDocx(id: string): Promise<{ buffer: Buffer; fileName: string }> {
    const a = await this.em.findOne(Application, { id }, { populate: ['organisation', 'scheme', 'cycle'] });
    if (!a) throw notFound('application');
    if (!REPORTABLE.includes(a.state)) throw conflict('report.not_ready');
    const leaves = leavesUpTo(a.scheme.tree, a.targetLevel);
    const answers = new Map(a.answers.map((x) => [x.itemCode, x]));
    const cell = (text: string, bold = false) =>
      new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold, size: 18 })] })] });
    const header = new TableRow({
      tableHeader: true,
      children: ['编码', '指标', '分值', '自评分', '共识评分', '自评说明'].map((t) => cell(t, true)),
    });
    const rows = leaves.map((l) => {
      const ans = answers.get(l.code);
      const consensus = a.consensusScores[l.code];
      return new TableRow({
        children: [
          cell(l.code),
          cell(l.path.join(' / ')),
          cell(String(l.points)),
          cell(ans?.selfScore === null || ans?.selfScore === undefined ? '' : String(ans.selfScore)),
          cell(consensus === undefined ? '' : String(consensus)),
          cell((ans?.statement ?? '').slice(0, 300)),
        ],
      });
    });
    const total = leaves.reduce((s, l) => s + (a.consensusScores[l.code] ?? 0), 0);
    const max = leaves.reduce((s, l) => s + l.points, 0);
    const doc = new Document({
      creator: 'Hutong',
      title: `${a.organisation.name} 测评报告`,
      styles: { default: { document: { run: { font: 'SimSun', size: 21 } } } },
      sections: [
        {
          children: [
            new Paragraph({
              text: '医疗健康信息互联互通标准化成熟度测评报告',
              heading: HeadingLevel.TITLE,
              alignment: AlignmentType.CENTER,
            }),
            new Paragraph({ text: '' }),
            ...[
              ['申请单位', a.organisation.name],
              ['测评批次', a.cycle.name],
              ['指标体系', `${a.scheme.name}（第${a.scheme.version}版）`],
              ['申报等级', ASSESSMENT_LEVEL_LABELS_ZH[a.targetLevel]],
              ['评定等级', a.achievedLevel ? ASSESSMENT_LEVEL_LABELS_ZH[a.achievedLevel] : '未通过'],
              ['共识总分', `${Math.round(total * 10) / 10} / ${max}`],
              ['报告日期', formatZhDate(new Date())],
            ].map(
              ([k, v]) => new Paragraph({ children: [new TextRun({ text: `${k}：`, bold: true }), new TextRun(v)] }),
            ),
            new Paragraph({ text: '评审记录', heading: HeadingLevel.HEADING_1 }),
            ...reviewLines(a).map((t) => new Paragraph({ text: t, bullet: { level: 0 } })),
            new Paragraph({ text: '评定说明', heading: HeadingLevel.HEADING_1 }),
            ...(a.resultExplanation ?? []).map((t) => new Paragraph({ text: t, bullet: { level: 0 } })),
            new Paragraph({ text: '指标得分', heading: HeadingLevel.HEADING_1 }),
            new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] }),
          ],
        },
      ],
    });
    return { buffer: await Packer.toBuffer(doc), fileName: `${a.organisation.name}-测评报告.docx` };
  }
}

/** The review's facts as the report prints them (标准符合性测试, 专家文审, 现场查验, 飞行检查). */
function reviewLines(a: Application): string[] {
  const passed = (p: boolean) => (p ? '通过' : '未通过');
  const lines: string[] = [];
  const c = a.conformance;
  if (c)
    lines.push(
      `标准符合性测试：${passed(c.passed)}（测试 ${c.items} 项，不通过 ${c.failedItems} 项）${c.note ? `；${c.note}` : ''}`,
    );
  const doc = a.reviewOpinions.document_review;
  if (doc) lines.push(`专家文审意见：${doc.opinion}`);
  const onsite = a.reviewOpinions.onsite;
  if (onsite) lines.push(`现场查验意见：${onsite.opinion}`);
  const o = a.onsiteResult;
  if (o)
    lines.push(
      `现场查验结果：${passed(o.passed)}（发现问题 ${o.findings} 项）${o.rectification ? `；整改要求：${o.rectification}` : ''}`,
    );
  const sc = a.spotCheck;
  if (sc) lines.push(`飞行检查（${sc.date}）：${passed(sc.passed)}${sc.note ? `；${sc.note}` : ''}`);
  return lines.length ? lines : ['—'];
}
