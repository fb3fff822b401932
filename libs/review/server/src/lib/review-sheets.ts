import ExcelJS from 'exceljs';
import {
  ASSESSMENT_LEVEL_LABELS_ZH,
  describeChoice,
  type Answer,
  type EvidenceView,
  type IndicatorNode,
  type Level,
} from '@hutong/assessment-model';
import { formatZhDate } from '@hutong/platform-model';
import { safeRow } from '@hutong/platform-server';
import { sheetItemsOf, type ReviewSessionKind } from '@hutong/review-model';

/** What the checklist (现场查验检查表 / 专家文审评分表) of one application is made from. */
export interface ChecklistInput {
  kind: ReviewSessionKind;
  sessionTitle: string;
  /** Asia/Shanghai dates, yyyy-MM-dd */
  date: string;
  endDate: string;
  organisationName: string;
  schemeName: string;
  targetLevel: Level;
  /** 组长 first, then the members */
  team: { name: string; chair: boolean }[];
  tree: IndicatorNode[];
  answers: Answer[];
  evidence: EvidenceView[];
  /**
   * What was found, per item (the office's copy once sheets are submitted: the consensus and the experts'
   * comments); absent in the blank checklist an expert takes on site.
   */
  findings?: Map<string, { score: number | null; comments: string[] }>;
  rectification?: string;
}

const TITLES: Record<ReviewSessionKind, string> = {
  onsite: '现场查验检查表',
  document_review: '专家文审评分表',
};

/** The items a checklist lists: the score sheet's (`sheetItemsOf`). */
export function checklistItems(kind: ReviewSessionKind, tree: IndicatorNode[], target: Level) {
  return sheetItemsOf(tree, target, kind);
}

/** The checklist of one application as XLSX: a header block, then one row per item with room for the findings. */
export async function checklistXlsx(input: ChecklistInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hutong';
  const ws = wb.addWorksheet(TITLES[input.kind]);
  const columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '编号', key: 'code', width: 10 },
    { header: '分类', key: 'path', width: 26 },
    { header: '指标', key: 'title', width: 30 },
    { header: '等级', key: 'level', width: 9 },
    { header: '分值', key: 'points', width: 7 },
    { header: '评分说明', key: 'rule', width: 40 },
    { header: '自评结果', key: 'self', width: 18 },
    { header: '自评说明', key: 'statement', width: 36 },
    { header: '证明材料', key: 'evidence', width: 28 },
    { header: input.kind === 'onsite' ? '查验得分' : '评分', key: 'score', width: 10 },
    { header: input.kind === 'onsite' ? '查验发现' : '评审意见', key: 'found', width: 40 },
  ];
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  const span = columns.length;
  const line = (text: string, bold = false, size = 11) => {
    const row = ws.addRow(safeRow([text]));
    ws.mergeCells(row.number, 1, row.number, span);
    row.font = { bold, size };
    return row;
  };
  const title = line(`${input.organisationName}${TITLES[input.kind]}`, true, 14);
  title.alignment = { horizontal: 'center' };
  const days =
    input.endDate && input.endDate !== input.date
      ? `${formatZhDate(input.date)}至${formatZhDate(input.endDate)}`
      : formatZhDate(input.date);
  line(`评审：${input.sessionTitle}（${days}）`);
  line(`测评方案：${input.schemeName}\u3000申请等级：${ASSESSMENT_LEVEL_LABELS_ZH[input.targetLevel]}`);
  const chair = input.team.filter((m) => m.chair).map((m) => m.name);
  const members = input.team.filter((m) => !m.chair).map((m) => m.name);
  line(`专家组：组长 ${chair.join('、') || '—'}；成员 ${members.join('、') || '—'}`);
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4FF' } };
  });
  ws.views = [{ state: 'frozen', ySplit: header.number }];
  const answers = new Map(input.answers.map((a) => [a.itemCode, a]));
  const items = checklistItems(input.kind, input.tree, input.targetLevel);
  items.forEach((l, i) => {
    const a = answers.get(l.code);
    const f = input.findings?.get(l.code);
    const row = ws.addRow(
      safeRow({
        n: i + 1,
        code: l.code,
        path: l.path.join(' / '),
        title: l.title,
        level: l.minLevel ? ASSESSMENT_LEVEL_LABELS_ZH[l.minLevel] : '',
        points: l.points,
        rule: l.rule ?? '',
        self:
          describeChoice(a?.choice) ?? (a?.selfScore !== null && a?.selfScore !== undefined ? String(a.selfScore) : ''),
        statement: a?.statement ?? '',
        evidence: input.evidence
          .filter((e) => e.itemCode === l.code)
          .map((e) => e.fileName)
          .join('、'),
        score: f?.score ?? null,
        found: f?.comments.join('\n') ?? '',
      }),
    );
    row.alignment = { vertical: 'top', wrapText: true };
  });
  ws.addRow([]);
  line(`整改要求：${input.rectification?.trim() || ''}`);
  line(`专家签字：${'\u3000'.repeat(16)}日期：${'\u3000'.repeat(3)}年${'\u3000'.repeat(2)}月${'\u3000'.repeat(2)}日`);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One application's line in the session's result table (文审结果汇总表 / 现场查验结果汇总表). */
export interface ResultRow {
  organisationName: string;
  targetLevel: Level;
  experts: number;
  submitted: number;
  /** the sum of the chair's consensus (null before every sheet is in) */
  total: number | null;
  derivedLevel: Level | null;
  /** on-site: passed or not; document review: null */
  passed: boolean | null;
  opinion: string;
  rectification: string;
  consolidatedAt: Date | null;
}

/** The session's result table as XLSX (the office fills it in after the session: process C2.4 / C3.5). */
export async function resultsXlsx(input: {
  kind: ReviewSessionKind;
  sessionTitle: string;
  date: string;
  rows: ResultRow[];
}): Promise<Buffer> {
  const name = input.kind === 'onsite' ? '现场查验结果汇总表' : '文审结果汇总表';
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Hutong';
  const ws = wb.addWorksheet(name);
  const columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '申请机构', key: 'org', width: 30 },
    { header: '申请等级', key: 'target', width: 10 },
    { header: '专家数', key: 'experts', width: 8 },
    { header: '已提交', key: 'submitted', width: 8 },
    { header: '共识总分', key: 'total', width: 10 },
    { header: '评定等级（按表8-2）', key: 'derived', width: 14 },
    ...(input.kind === 'onsite' ? [{ header: '查验结论', key: 'passed', width: 10 }] : []),
    { header: '评审意见', key: 'opinion', width: 44 },
    { header: '整改要求', key: 'rectification', width: 36 },
    { header: '组长确认', key: 'confirmed', width: 14 },
  ];
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width }));
  const title = ws.addRow([`${input.sessionTitle}${name}`]);
  ws.mergeCells(title.number, 1, title.number, columns.length);
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center' };
  const sub = ws.addRow([`日期：${formatZhDate(input.date)}`]);
  ws.mergeCells(sub.number, 1, sub.number, columns.length);
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  input.rows.forEach((r, i) => {
    const row = ws.addRow(
      safeRow({
        n: i + 1,
        org: r.organisationName,
        target: ASSESSMENT_LEVEL_LABELS_ZH[r.targetLevel],
        experts: r.experts,
        submitted: r.submitted,
        total: r.total,
        derived: r.derivedLevel ? ASSESSMENT_LEVEL_LABELS_ZH[r.derivedLevel] : r.total === null ? '' : '未达到',
        passed: r.passed === null ? '' : r.passed ? '通过' : '不通过',
        opinion: r.opinion,
        rectification: r.rectification,
        confirmed: r.consolidatedAt ? formatZhDate(r.consolidatedAt) : '未确认',
      }),
    );
    row.alignment = { vertical: 'top', wrapText: true };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
