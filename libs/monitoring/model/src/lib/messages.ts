import type { MessageCatalogue } from '@hutong/platform-model';
import type { ConnectionStatus, Tier } from './metrics';
import type { AnomalyKind } from './anomalies';
import type { IngestCode } from './ingest';
import type { KeyScope } from './contracts';

type Labels<K extends string | number> = Record<K, { zh: string; en: string }>;

export const CONNECTION_STATUS_LABELS: Labels<ConnectionStatus> = {
  not_connected: { zh: '未联通', en: 'Not connected' },
  connected: { zh: '已联通', en: 'Connected' },
  other_platform: { zh: '已联通其他平台', en: 'Connected to another platform' },
};

export const TIER_LABELS: Labels<Tier> = {
  1: { zh: '第一梯队', en: 'Tier 1' },
  2: { zh: '第二梯队', en: 'Tier 2' },
  3: { zh: '第三梯队', en: 'Tier 3' },
  4: { zh: '第四梯队', en: 'Tier 4' },
};

export const ANOMALY_LABELS: Labels<AnomalyKind> = {
  rate_above_100: { zh: '上传率超过100%', en: 'Upload rate above 100%' },
  volume_without_days: { zh: '有上传量但上传天数为0', en: 'Volume with zero upload days' },
  rate_contradicts_counts: { zh: '上传率与上传量矛盾', en: 'Rate contradicts its counts' },
  counts_all_zero: { zh: '各项人次均为0', en: 'Every count is zero' },
  table_stopped: { zh: '数据表停止上传', en: 'A table stopped' },
  sudden_drop: { zh: '上传量骤降', en: 'Sudden drop' },
  no_tier: { zh: '未归入任何梯队', en: 'In no tier' },
};

/** T/SHIA 6.1-style feedback codes of the statistics api and file import. */
export const INGEST_CODE_LABELS: Labels<IngestCode> = {
  '00': { zh: '成功', en: 'Accepted' },
  '01': { zh: '格式错误', en: 'Malformed' },
  '02': { zh: '机构错误', en: 'Institution' },
  '03': { zh: '数据表错误', en: 'Table' },
  '04': { zh: '日期错误', en: 'Date' },
  '05': { zh: '数量错误', en: 'Count' },
  '06': { zh: '重复', en: 'Duplicate' },
  '07': { zh: '及时性错误', en: 'Timeliness' },
};

export const MONITORING_MESSAGES = {
  // ingestion items (validateIngestBatch, itemsFromStatisticsTable)
  'monitoring.ingest_not_a_list': { status: 422, zh: 'items 应为数组', en: '`items` must be an array' },
  'monitoring.ingest_too_many': {
    status: 413,
    zh: '一批最多{max}条（机构×日），请分批发送',
    en: 'At most {max} items (institution × day) per batch: send several batches',
  },
  'monitoring.ingest_item_not_object': { zh: '该条不是对象', en: 'The item is not an object' },
  'monitoring.ingest_org_invalid': { zh: '机构编码缺失或格式错误', en: 'The institution code is missing or malformed' },
  'monitoring.ingest_org_unknown': { zh: '机构编码“{org}”不存在', en: 'No institution has the code “{org}”' },
  'monitoring.ingest_org_outside': {
    zh: '机构“{org}”不在该密钥的授权范围内',
    en: 'The institution “{org}” is outside what this key may report for',
  },
  'monitoring.ingest_org_not_institution': {
    zh: '“{org}”不是医疗机构或区域平台',
    en: '“{org}” is not a hospital or a regional platform',
  },
  'monitoring.ingest_date_invalid': { zh: '业务日期应为 yyyy-MM-dd', en: 'The business date is written yyyy-MM-dd' },
  'monitoring.ingest_date_future': {
    zh: '业务日期{date|date}晚于今天（{today|date}）',
    en: 'The business date {date|date} is after today ({today|date})',
  },
  'monitoring.ingest_date_too_old': {
    zh: '业务日期{date|date}早于可接收的最早日期{earliest|date}',
    en: 'The business date {date|date} is before the earliest accepted, {earliest|date}',
  },
  'monitoring.ingest_as_of_invalid': {
    zh: 'asOf 应为 ISO 8601 时间',
    en: '`asOf` is an ISO 8601 instant',
  },
  'monitoring.ingest_as_of_future': {
    zh: 'asOf 晚于接收时间，请检查发送端时钟',
    en: '`asOf` is after the time of receipt: check the sender’s clock',
  },
  'monitoring.ingest_uploaded_invalid': { zh: '上传日期应为 yyyy-MM-dd', en: 'The upload date is written yyyy-MM-dd' },
  'monitoring.ingest_uploaded_before': {
    zh: '上传日期{uploaded|date}早于业务日期{date|date}',
    en: 'The upload date {uploaded|date} is before the business date {date|date}',
  },
  'monitoring.ingest_tables_missing': {
    zh: '缺少 tables（表编码→记录数）',
    en: '`tables` (table code → records) is missing',
  },
  'monitoring.ingest_table_unknown': {
    zh: '表编码“{table}”不在任何上传表目录中',
    en: 'The table code “{table}” is in no table catalogue',
  },
  'monitoring.ingest_count_invalid': {
    zh: '“{table}”的记录数应为非负整数',
    en: 'The records of “{table}” must be a whole number, zero or more',
  },
  'monitoring.ingest_lag_invalid': {
    zh: '“{table}”的 lag 应为4个非负整数 [T, T+1, T+2, 更晚]',
    en: 'The lag of “{table}” is four whole numbers [T, T+1, T+2, later]',
  },
  'monitoring.ingest_lag_sum': {
    zh: '“{table}”的 lag 合计{sum}与记录数{records}不符',
    en: 'The lag of “{table}” adds up to {sum}, not its {records} records',
  },
  'monitoring.ingest_duplicate': {
    zh: '机构{org}的{date|date}在本批中重复（第{first}条已有）',
    en: '{org} on {date|date} is repeated in this batch (item {first} has it)',
  },
  'monitoring.file_columns_missing': { zh: '缺少列：{columns}', en: 'Columns missing: {columns}' },
  'monitoring.file_row_duplicate': {
    zh: '机构{org}的{date|date}“{table}”重复',
    en: '{org}, {date|date}, “{table}” is repeated',
  },
  'monitoring.batch_invalid': {
    status: 422,
    zh: '{n}条数据有误，本批未写入任何数据',
    en: '{n} items are wrong: nothing of the batch was written',
  },
  // machine keys
  'monitoring.key_missing': {
    status: 401,
    zh: '缺少接口密钥（Authorization: Bearer …）',
    en: 'The api key is missing (Authorization: Bearer …)',
  },
  'monitoring.key_invalid': { status: 401, zh: '接口密钥无效或已停用', en: 'The api key is not valid or was revoked' },
  'monitoring.key_scope': {
    status: 403,
    zh: '该接口密钥无“{scope|keyScope}”权限',
    en: 'This api key may not {scope|keyScope}',
  },
  'monitoring.key_scopes_empty': { zh: '至少选择一项权限', en: 'Choose at least one permission' },
  // reads and settings
  'monitoring.period_invalid': {
    zh: '统计期无效：{from|date}至{to|date}',
    en: 'The period is not valid: {from|date} to {to|date}',
  },
  'monitoring.period_too_long': { zh: '统计期最长{max}天', en: 'A period is at most {max} days' },
  'monitoring.scope_not_region': {
    zh: '请选择省、市或区县作为统计范围',
    en: 'Choose a province, city or county as the scope',
  },
  'monitoring.not_institution': {
    zh: '该机构不是医疗机构或区域平台',
    en: 'The organisation is not a hospital or a regional platform',
  },
  'monitoring.no_catalogue': {
    zh: '该范围及其上级都未设置上传表目录',
    en: 'Neither this scope nor a region above it requires a table catalogue',
  },
  'monitoring.catalogue_not_found': { status: 404, zh: '上传表目录不存在', en: 'No such table catalogue' },
  'monitoring.catalogue_invalid': {
    status: 422,
    zh: '上传表目录有误：{problems}',
    en: 'The table catalogue is not valid: {problems}',
  },
  'monitoring.catalogue_empty': { zh: '上传表目录至少应有一张表', en: 'A table catalogue has at least one table' },
  'monitoring.table_code_invalid': {
    zh: '表编码应为大写字母开头的字母、数字、下划线',
    en: 'A table code is capital letters, digits and underscores, starting with a letter',
  },
  'monitoring.table_duplicate': { zh: '表编码重复', en: 'A table code is repeated' },
  'monitoring.table_name_missing': { zh: '表名称和业务域不能为空', en: 'A table needs a name and a domain' },
  'monitoring.counts_ambiguous': {
    zh: '只能有一张表计门急诊人次、一张表计出院人次',
    en: 'One table at most counts visits, one discharges',
  },
  'monitoring.catalogue_too_many_tables': {
    zh: '全部目录的表编码合计不能超过{max}个',
    en: 'All catalogues together may name at most {max} table codes',
  },
  'monitoring.reference_invalid': {
    zh: '第{line}行：卫统数据应为非负整数，统计期为有效日期',
    en: 'Line {line}: reference volumes are whole numbers and the period valid dates',
  },
  'monitoring.since_future': { zh: '生效日期不能晚于今天', en: 'The date it took effect cannot be after today' },
  'monitoring.import_failed': { zh: '导入失败：{reason}', en: 'The import failed: {reason}' },
  'monitoring.score_weights_invalid': {
    zh: '权重应为0–100的数，且合计大于0',
    en: 'Weights are numbers 0–100 adding up to more than 0',
  },
  // bulletins
  'monitoring.bulletin_requirement_invalid': {
    zh: '整改要求应有内容（500字以内）和有效的完成日期',
    en: 'A requirement needs its text (up to 500 characters) and a valid due date',
  },
  'monitoring.bulletin_not_draft': {
    status: 409,
    zh: '通报已发布，不能修改；如需更正请生成新版本',
    en: 'The bulletin is published and cannot be changed: make a new version to correct it',
  },
  'monitoring.bulletin_is_draft': {
    status: 409,
    zh: '草稿可直接修改，无需生成新版本',
    en: 'A draft is edited directly',
  },
  'monitoring.bulletin_draft_exists': {
    status: 409,
    zh: '该通报已有未发布的第{version}版草稿',
    en: 'Version {version} of this bulletin is already a draft',
  },
  'monitoring.bulletin_narrative_invalid': {
    zh: '通报正文至少一段，每段4000字以内',
    en: 'The text has at least one paragraph, each up to 4000 characters',
  },
  'monitoring.bulletin_figures_changed': {
    status: 422,
    zh: '正文中的数字须与附件表一致，不能修改或新增：{figures}',
    en: 'The figures of the text are the table’s and cannot be changed or added: {figures}',
  },
  'monitoring.bulletin_title_invalid': { zh: '标题应为1–200个字', en: 'A title is 1–200 characters' },
  'monitoring.bulletin_due_invalid': {
    zh: '整改截止日期应为今天或以后的有效日期',
    en: 'The due date is a valid date, today or later',
  },
  'monitoring.bulletin_not_published': {
    status: 409,
    zh: '通报发布后才能下发整改任务',
    en: 'Rectification tasks are opened from a published bulletin',
  },
  'monitoring.bulletin_no_targets': {
    zh: '通报中没有符合条件的机构',
    en: 'No institution of the bulletin matches',
  },
} as const;

export const KEY_SCOPE_LABELS: Labels<KeyScope> = {
  statistics: { zh: '上报每日统计', en: 'report daily statistics' },
  references: { zh: '上报卫统数据', en: 'report health-statistics volumes' },
};

export const MONITORING_CATALOGUE: MessageCatalogue<typeof MONITORING_MESSAGES> = {
  messages: MONITORING_MESSAGES,
  labels: {
    entity: {
      mon_catalogue: { zh: '上传表目录', en: 'table catalogue' },
      mon_requirement: { zh: '上传要求', en: 'upload requirement' },
      mon_connection: { zh: '联通状态', en: 'connection status' },
      mon_reference: { zh: '卫统数据', en: 'health-statistics volumes' },
      mon_api_key: { zh: '接口密钥', en: 'api key' },
      mon_import: { zh: '统计数据导入', en: 'statistics import' },
      mon_batch: { zh: '统计数据批次', en: 'statistics batch' },
      mon_bulletin: { zh: '通报', en: 'bulletin' },
    },
    connectionStatus: CONNECTION_STATUS_LABELS,
    keyScope: KEY_SCOPE_LABELS,
  },
};
