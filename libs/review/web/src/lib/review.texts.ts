import type { TextBundle } from '@hutong/platform-web';
import { REVIEW_CATALOGUE } from '@hutong/review-model';
import { REVIEW_EXPERT_EN, REVIEW_EXPERT_ZH } from './review-expert.texts';
import { REVIEW_OFFICE_EN, REVIEW_OFFICE_ZH } from './review-office.texts';

/** The review pages' texts (loaded with their routes): the office's pages and the experts'. */
export const REVIEW_ZH = {
  'title.reviewWorkspace': '我的评审',
  'title.reviewProfile': '我的专家档案',
  'title.reviewSheet': '专家评分',
  'title.reviewConsolidation': '评审结果汇总',
  'title.reviewSessions': '评审会',
  'title.reviewSession': '评审会详情',
  'title.reviewExperts': '专家库',
  'title.reviewConformance': '标准符合性测试',
  ...REVIEW_OFFICE_ZH,
  ...REVIEW_EXPERT_ZH,
};
export type ReviewTextKey = keyof typeof REVIEW_ZH;

export const REVIEW_EN: Record<ReviewTextKey, string> = {
  'title.reviewWorkspace': 'My reviews',
  'title.reviewProfile': 'My expert profile',
  'title.reviewSheet': 'Score sheet',
  'title.reviewConsolidation': 'Review consolidation',
  'title.reviewSessions': 'Review sessions',
  'title.reviewSession': 'Review session',
  'title.reviewExperts': 'Expert pool',
  'title.reviewConformance': 'Standard-conformance testing',
  ...REVIEW_OFFICE_EN,
  ...REVIEW_EXPERT_EN,
};

export const REVIEW_TEXTS: TextBundle = {
  name: 'review',
  zh: REVIEW_ZH,
  en: REVIEW_EN,
  messages: [REVIEW_CATALOGUE],
};

declare module '@hutong/platform-web' {
  // the keys above type-check wherever this lib's texts are (see TextKeys)
  // eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type
  interface TextKeys extends Record<ReviewTextKey, true> {}
}
