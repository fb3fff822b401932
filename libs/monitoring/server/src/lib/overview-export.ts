import ExcelJS from 'exceljs';
import {
  ANOMALY_LABELS,
  CONNECTION_STATUS_LABELS,
  TIER_LABELS,
  percent,
  type InstitutionRow,
  type OverviewView,
} from '@hutong/monitoring-model';
import { formatZhDate } from '@hutong/platform-model';
import { safeRow } from '@hutong/platform-server';

const share = (n: number | null) => (n === null ? '' : percent(n));

/** The overview's institutions as a workbook (监测明细): one row each, the figures as the page shows them. */
export async function overviewWorkbook(view: OverviewView, rows: InstitutionRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('监测明细');
  ws.addRow([
    `${view.scope.name} 数据上传情况（${formatZhDate(view.period.from)}至${formatZhDate(view.period.to)}，截至${formatZhDate(view.asOf)}）`,
  ]);
  ws.addRow([
    `上传表目录：${view.requirement.catalogue.name}（第${view.requirement.catalogue.version}版）。${view.requirement.catalogue.note}`,
  ]);
  const header = [
    '序号',
    '机构名称',
    '机构编码',
    '所属区域',
    '联通状态',
    '数据上传量',
    '上传天数',
    '中断天数',
    '最近上传日期',
    '上传表数量',
    '应传表数量',
    '数据完整率',
    '门急诊上传率',
    '出院上传率',
    '梯队',
    '异常',
  ];
  const h = ws.addRow(header);
  h.font = { bold: true };
  rows.forEach((r, i) => {
    const m = r.metrics;
    ws.addRow(
      safeRow([
        i + 1,
        r.name,
        r.code,
        r.region,
        CONNECTION_STATUS_LABELS[r.connection].zh + (r.connectionNote ? `（${r.connectionNote}）` : ''),
        m.volume,
        m.uploadDays,
        m.interruptionDays,
        m.lastUploadDate ?? '',
        m.tablesUploaded,
        m.tablesRequired,
        percent(m.completeness),
        share(m.outpatientRate),
        share(m.dischargeRate),
        r.connection === 'not_connected' ? '' : TIER_LABELS[m.tier].zh,
        r.anomalies.map((a) => ANOMALY_LABELS[a.kind].zh).join('；'),
      ]),
    );
  });
  ws.columns.forEach((c, i) => (c.width = [6, 32, 22, 14, 22, 14, 10, 10, 14, 10, 10, 12, 12, 12, 12, 30][i] ?? 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
