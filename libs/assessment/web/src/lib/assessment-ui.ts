import { HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ApplicationAction,
  ApplicationState,
  AssessMethod,
  BinaryOption,
  Level,
  MissingItem,
  SchemeKind,
  ScoringKind,
  StageWindow,
} from '@hutong/assessment-model';
import {
  ACTION_LABELS_EN,
  ACTION_LABELS_ZH,
  ASSESSMENT_LEVEL_LABELS_EN,
  ASSESSMENT_LEVEL_LABELS_ZH,
  STATE_LABELS_EN,
  STATE_LABELS_ZH,
  partCodeOf,
  type IndicatorLeaf,
  type Stage,
} from '@hutong/assessment-model';
import { formatZhDate, shanghaiDate } from '@hutong/platform-model';
import { apiErrorOf } from '@hutong/platform-web';
import type { TextKey } from '@hutong/platform-web';
import { I18nService, type Lang } from '@hutong/platform-web';

/** Tag colours of the states (ng-zorro preset colours). */
export const STATE_COLORS: Record<ApplicationState, string> = {
  draft: 'default',
  submitted: 'blue',
  completeness_check: 'geekblue',
  returned: 'orange',
  conformance_testing: 'blue',
  document_review: 'cyan',
  onsite: 'purple',
  rating: 'gold',
  referred: 'magenta',
  publicity: 'lime',
  objection: 'volcano',
  published: 'green',
  not_passed: 'red',
  withdrawn: 'default',
};

export const STAGE_KEYS: Record<Exclude<Stage, 0>, TextKey> = {
  1: 'asm.stage.self',
  2: 'asm.stage.document',
  3: 'asm.stage.onsite',
  4: 'asm.stage.results',
};

/** A calendar date (yyyy-MM-dd) in the user's language: `2026年3月5日` or `2026-03-05`. */
export function formatDay(value: string | null | undefined, lang: Lang): string {
  if (!value) return '';
  return lang === 'zh' ? formatZhDate(value) : value.slice(0, 10);
}

/** A picked date (local midnight) as yyyy-MM-dd. */
export function toDateString(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A yyyy-MM-dd date as a local Date (for the pickers). */
export function fromDateString(s: string): Date {
  const [y, m, d] = s.slice(0, 10).split('-').map(Number);
  return new Date(y, (m ?? 1) - 1, d ?? 1);
}

/** Today (Asia/Shanghai) as yyyy-MM-dd. */
export function todayInChina(now: Date = new Date()): string {
  return shanghaiDate(now);
}

/** HH:mm:ss in China Standard Time. */
export function clockInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(now);
}

/** Where the application window of a cycle stands on `today`. */
export function windowStatus(w: StageWindow | undefined, today: string): 'open' | 'closed' | 'upcoming' | null {
  if (!w) return null;
  if (today < w.start) return 'upcoming';
  if (today > w.end) return 'closed';
  return 'open';
}

/** The scheme kind that fits an organisation kind (hospitals answer the hospital scheme, the rest the regional). */
export function schemeKindFor(orgKind: string | null | undefined): SchemeKind {
  return orgKind === 'hospital' ? 'hospital' : 'region';
}

/** The 422 list of a refused submit, when that is what the error is. */
export function missingOf(err: unknown): MissingItem[] | null {
  if (!(err instanceof HttpErrorResponse) || err.status !== 422) return null;
  const details = apiErrorOf(err)?.details as { missing?: unknown } | undefined;
  if (!details || !Array.isArray(details.missing)) return null;
  return details.missing.filter(
    (m): m is MissingItem => typeof m === 'object' && m !== null && typeof (m as MissingItem).itemCode === 'string',
  );
}

export interface LeafGroup {
  code: string;
  title: string;
  items: { code: string; title: string; leaves: IndicatorLeaf[] }[];
}

/** Leaves grouped by top category and second-level item, in the order given. */
export function groupLeaves(list: IndicatorLeaf[]): LeafGroup[] {
  const groups: LeafGroup[] = [];
  for (const leaf of list) {
    const parts = leaf.code.split('.');
    const catCode = parts[0];
    const itemCode = partCodeOf(leaf.code);
    let group = groups.find((g) => g.code === catCode);
    if (!group) {
      group = { code: catCode, title: leaf.path[0] ?? catCode, items: [] };
      groups.push(group);
    }
    let item = group.items.find((i) => i.code === itemCode);
    if (!item) {
      item = { code: itemCode, title: parts.length > 2 ? (leaf.path[1] ?? itemCode) : '', leaves: [] };
      group.items.push(item);
    }
    item.leaves.push(leaf);
  }
  return groups;
}

/** Labels of the assessment vocabulary in the current language. */
@Injectable({ providedIn: 'root' })
export class AssessmentText {
  private readonly i18n = inject(I18nService);

  readonly level = (v: Level | null | undefined): string =>
    v ? (this.i18n.isZh() ? ASSESSMENT_LEVEL_LABELS_ZH[v] : ASSESSMENT_LEVEL_LABELS_EN[v]) : '';
  readonly state = (v: ApplicationState): string => (this.i18n.isZh() ? STATE_LABELS_ZH[v] : STATE_LABELS_EN[v]);
  readonly action = (v: ApplicationAction): string => (this.i18n.isZh() ? ACTION_LABELS_ZH[v] : ACTION_LABELS_EN[v]);
  readonly stage = (v: Stage): string => (v === 0 ? this.state('withdrawn') : this.i18n.t(STAGE_KEYS[v]));
  readonly method = (v: AssessMethod): string => this.i18n.t(`schemes.method.${v}`);
  readonly schemeKind = (v: SchemeKind): string => this.i18n.t(`schemes.kind.${v}`);
  /** the answer options of a binary indicator as the documents print them */
  readonly option = (v: BinaryOption): string => this.i18n.t(`app.option.${v}`);
  readonly scoring = (v: ScoringKind | undefined): string => this.i18n.t(`app.scoring.${v ?? 'scale'}`);
  readonly day = (v: string | null | undefined): string => formatDay(v, this.i18n.lang());
  readonly color = (v: ApplicationState): string => STATE_COLORS[v];
}
