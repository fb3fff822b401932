import { LEVELS } from './contracts';
import type { ApplicationAction, ApplicationState, Level } from './contracts';

/**
 * Chinese names of the assessment levels (DESIGN.md §2). Named ASSESSMENT_… because LEVEL_LABELS_ZH is already
 * exported for the organisation levels (省/市/区县/机构) by ../organisations.
 */
export const ASSESSMENT_LEVEL_LABELS_ZH: Record<Level, string> = {
  '1': '一级',
  '2': '二级',
  '3': '三级',
  '4B': '四级乙等',
  '4A': '四级甲等',
  '5B': '五级乙等',
  '5A': '五级甲等',
};

export const ASSESSMENT_LEVEL_LABELS_EN: Record<Level, string> = {
  '1': 'Level 1',
  '2': 'Level 2',
  '3': 'Level 3',
  '4B': 'Level 4 Grade B',
  '4A': 'Level 4 Grade A',
  '5B': 'Level 5 Grade B',
  '5A': 'Level 5 Grade A',
};

/** 0 for 一级 … 6 for 五级甲等. */
export function levelRank(l: Level): number {
  return LEVELS.indexOf(l);
}

/** 五级乙等: from this level up, the national body (国家级管理机构) rates and publishes (2020 scheme, p.9). */
export const NATIONAL_LEVEL_FROM: Level = '5B';

/** The level is rated by the national body: 五级乙等 or above. */
export function isNationalLevel(l: Level | null | undefined): boolean {
  return !!l && levelRank(l) >= levelRank(NATIONAL_LEVEL_FROM);
}

/** The levels from 一级 up to and including `l`, lowest first. */
export function levelsUpTo(l: Level): Level[] {
  return LEVELS.slice(0, levelRank(l) + 1);
}

export const STATE_LABELS_ZH: Record<ApplicationState, string> = {
  draft: '草稿',
  submitted: '已提交',
  completeness_check: '完整性审核',
  returned: '退回补充',
  conformance_testing: '标准符合性测试',
  document_review: '文件审查',
  onsite: '现场查验',
  rating: '等级评定',
  referred: '已上报国家级',
  publicity: '公示中',
  objection: '异议处理',
  published: '已公布',
  not_passed: '未通过',
  withdrawn: '已撤回',
};

export const STATE_LABELS_EN: Record<ApplicationState, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  completeness_check: 'Completeness check',
  returned: 'Returned for supplement',
  conformance_testing: 'Standard conformance test',
  document_review: 'Document review',
  onsite: 'On-site inspection',
  rating: 'Rating',
  referred: 'Referred to the national body',
  publicity: 'Publicity',
  objection: 'Objection',
  published: 'Published',
  not_passed: 'Not passed',
  withdrawn: 'Withdrawn',
};

export const ACTION_LABELS_ZH: Record<ApplicationAction, string> = {
  submit: '提交',
  start_check: '开始完整性审核',
  accept: '审核通过',
  return: '退回补充',
  resubmit: '重新提交',
  finish_conformance: '完成标准符合性测试',
  to_onsite: '转入现场查验',
  to_rating: '转入等级评定',
  finish_onsite: '完成现场查验',
  rate: '评定等级',
  national_confirm: '国家级确认',
  national_reject: '国家级不予通过',
  file_objection: '提出异议',
  resolve_objection: '处理异议',
  publish: '公布结果',
  revoke: '取消评定等级',
  withdraw: '撤回',
  reopen: '重新开放',
};

export const ACTION_LABELS_EN: Record<ApplicationAction, string> = {
  submit: 'Submit',
  start_check: 'Start completeness check',
  accept: 'Accept',
  return: 'Return for supplement',
  resubmit: 'Resubmit',
  finish_conformance: 'Finish the conformance test',
  to_onsite: 'Send to on-site inspection',
  to_rating: 'Send to rating',
  finish_onsite: 'Finish on-site inspection',
  rate: 'Rate',
  national_confirm: 'Confirm (national body)',
  national_reject: 'Reject (national body)',
  file_objection: 'File objection',
  resolve_objection: 'Resolve objection',
  publish: 'Publish',
  revoke: 'Revoke the level',
  withdraw: 'Withdraw',
  reopen: 'Re-open',
};
