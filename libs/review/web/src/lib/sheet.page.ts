import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import {
  ASSESSMENT_LEVEL_LABELS_EN,
  ASSESSMENT_LEVEL_LABELS_ZH,
  partCodeOf,
  scoringOf,
  tiers,
  type Answer,
  type AnswerChoice,
  type BinaryOption,
  type EvidenceView,
  type IndicatorLeaf,
  type Level,
  type ScoringKind,
} from '@hutong/assessment-model';
import { shanghaiDate } from '@hutong/platform-model';
import { I18nService, apiErrorOf, errorMessage, formatDateTime } from '@hutong/platform-web';
import { loadResource } from '@hutong/platform-web/ui';
import {
  SESSION_KIND_LABELS,
  SESSION_STATUS_LABELS,
  type QuestionView,
  type ReviewSessionStatus,
  type ScoreSheetView,
  type SheetEntryView,
} from '@hutong/review-model';
import { TASK_STATUS_LABELS, type TaskDisplayStatus } from '@hutong/tasks-model';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { ReviewExpertApi } from './review-expert-api';
import {
  QUESTION_MAX,
  binaryOptionsFor,
  choiceFromNumber,
  clockInChina,
  defaultQuestionDue,
  entryProblem,
  formatDay,
  fromDateString,
  incompleteItemsOf,
  isEntryScored,
  isOverdue,
  mergeEntries,
  parseNumber,
  points,
  questionProblems,
  readDraft,
  restoreDraft,
  saveBatch,
  scoreForm,
  sheetLeaves,
  sheetParts,
  staleSheetOf,
  stepCode,
  stillDirty,
  toDateString,
  unscoredCodes,
  vocabulary,
  withScore,
  writeDraft,
  type Entries,
} from './review-expert-logic';

/** Autosave after a pause in typing. */
export const AUTOSAVE_MS = 800;
/** The first retry after a failed save (doubling, at most a minute). */
export const RETRY_MS = 3000;
/** Rounds of merge-and-save again after stale saves before giving up for a retry later. */
const STALE_ROUNDS = 5;

const EMPTY: SheetEntryView = { score: null, comment: '' };
const TASK_COLORS: Record<string, string> = {
  open: 'blue',
  acknowledged: 'cyan',
  returned: 'orange',
  overdue: 'red',
  submitted: 'gold',
  accepted: 'green',
  cancelled: 'default',
};

function sessionStore(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

/** An api refusal worth retrying: the network, the server, a timeout or too many requests. */
function transient(err: unknown): boolean {
  if (!(err instanceof HttpErrorResponse)) return true;
  return err.status === 0 || err.status === 408 || err.status === 429 || err.status >= 500;
}

/**
 * 专家评分: the scoring screen of one assignment. Left, the parts of the sheet with scored/total and an "unscored
 * only" filter; in the middle, the selected indicator with the applicant's statement, self-assessment and evidence,
 * and the questions (质询) on it; right, my score within the indicator's scoring kind, the points it earns (the one
 * rule, `scoreOf`) and a comment. j/k or ↓/↑ move between indicators, 1–4 pick a binary option.
 *
 * Edits autosave (debounced) — only the changed indicators, on the sheet's version. A stale save (another tab or
 * device saved since) answers the current sheet: my unsaved edits are kept over it and saved again. Unsaved edits
 * also live in sessionStorage per assignment and come back after a reload: typed input is never lost. Submitting
 * locks the sheet; the others' scores show only after it.
 */
@Component({
  selector: 'lib-review-sheet-page',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzCheckboxModule,
    NzDatePickerModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzRadioModule,
    NzTableModule,
    NzTagModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './sheet.page.html',
  styles: `
    :host {
      display: block;
    }
    .block {
      display: block;
      margin-bottom: 12px;
    }
    .sheet-head {
      margin-bottom: 12px;
      .back {
        display: inline-block;
        margin-bottom: 4px;
      }
      .head-main {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px;
      }
      .org {
        margin: 0;
        font-size: 20px;
      }
      .grow {
        flex: 1 1 auto;
      }
    }
    .status-bar {
      position: sticky;
      top: 0;
      z-index: 2;
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
      background: #fff;
      padding: 8px 12px;
      margin-bottom: 12px;
      border: 1px solid #f0f0f0;
      border-radius: 4px;
      .grow {
        flex: 1 1 auto;
      }
    }
    .saved {
      color: #52c41a;
    }
    .incomplete {
      color: #cf1322;
      background: #fff1f0;
      border: 1px solid #ffccc7;
      border-radius: 4px;
      padding: 8px 12px;
    }
    .code-link {
      border: 0;
      background: none;
      color: #1677ff;
      cursor: pointer;
      padding: 0 4px;
      font: inherit;
    }
    .sheet-layout {
      display: grid;
      grid-template-columns: 260px minmax(0, 1fr) 320px;
      gap: 12px;
      align-items: start;
    }
    .sheet-nav {
      position: sticky;
      top: 56px;
      max-height: calc(100vh - 80px);
      overflow: auto;
      border: 1px solid #f0f0f0;
      border-radius: 4px;
      background: #fff;
      padding: 6px;
      .only {
        display: block;
        padding: 4px 8px 8px;
        border-bottom: 1px solid #f0f0f0;
        margin-bottom: 4px;
      }
      .category {
        color: rgba(0, 0, 0, 0.45);
        font-size: 12px;
        padding: 8px 8px 2px;
      }
    }
    .part,
    .item {
      display: flex;
      width: 100%;
      gap: 6px;
      align-items: baseline;
      text-align: left;
      border: 0;
      background: none;
      padding: 5px 8px;
      border-radius: 4px;
      cursor: pointer;
      font: inherit;
      color: inherit;
      &:hover {
        background: #f5f5f5;
      }
      &.active {
        background: #e6f4ff;
        color: #0958d9;
      }
      .grow {
        flex: 1 1 auto;
        min-width: 0;
      }
    }
    .part {
      &.complete .count {
        color: #389e0d;
      }
      .count {
        color: rgba(0, 0, 0, 0.45);
        font-variant-numeric: tabular-nums;
      }
    }
    .items {
      margin: 2px 0 6px 12px;
      border-left: 2px solid #f0f0f0;
      .item {
        font-size: 13px;
        align-items: center;
      }
      .dot {
        flex: none;
        width: 8px;
        height: 8px;
        border-radius: 50%;
        border: 1px solid #bfbfbf;
      }
      .item.scored .dot {
        background: #52c41a;
        border-color: #52c41a;
      }
      .item.invalid .dot {
        background: #ff4d4f;
        border-color: #ff4d4f;
      }
      .q {
        color: #fa8c16;
        font-weight: 600;
      }
      .pad {
        padding: 4px 8px;
      }
    }
    .ellipsis {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .sheet-detail,
    .sheet-score {
      border: 1px solid #f0f0f0;
      border-radius: 4px;
      background: #fff;
      padding: 12px 16px;
      min-width: 0;
      h4 {
        margin: 16px 0 6px;
        font-weight: 600;
      }
      h4:first-child {
        margin-top: 0;
      }
    }
    .sheet-score {
      position: sticky;
      top: 56px;
    }
    .leaf-head {
      display: flex;
      gap: 8px;
      align-items: baseline;
      .code {
        color: rgba(0, 0, 0, 0.55);
      }
      .leaf-title {
        font-weight: 600;
        font-size: 15px;
      }
    }
    .tags {
      margin: 6px 0;
    }
    .label {
      color: rgba(0, 0, 0, 0.45);
      font-size: 12px;
      margin-right: 6px;
    }
    .rule {
      margin: 6px 0;
      white-space: pre-wrap;
    }
    .options-list {
      margin: 4px 0;
      padding-left: 20px;
    }
    .self > div {
      margin-bottom: 4px;
    }
    .pre {
      white-space: pre-wrap;
    }
    .statement {
      background: #fafafa;
      border-radius: 4px;
      padding: 6px 8px;
    }
    .files {
      list-style: none;
      margin: 4px 0;
      padding: 0;
      li {
        display: flex;
        align-items: center;
        gap: 6px;
        min-width: 0;
        a {
          overflow: hidden;
          text-overflow: ellipsis;
          white-space: nowrap;
        }
      }
    }
    .questions-head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      margin-top: 16px;
      h4 {
        margin: 0;
      }
    }
    .question {
      border: 1px solid #f0f0f0;
      border-radius: 4px;
      padding: 8px 10px;
      margin-top: 8px;
      .q-meta {
        font-size: 12px;
        margin-bottom: 4px;
      }
      .answer {
        margin-top: 8px;
        padding: 6px 8px;
        background: #f6ffed;
        border-radius: 4px;
      }
    }
    .options {
      display: flex;
      flex-direction: column;
      gap: 4px;
      kbd {
        display: inline-block;
        min-width: 18px;
        padding: 0 4px;
        margin-right: 4px;
        font-size: 11px;
        text-align: center;
        border: 1px solid #d9d9d9;
        border-radius: 3px;
        color: rgba(0, 0, 0, 0.45);
      }
    }
    .number {
      display: flex;
      align-items: center;
      gap: 6px;
      .score-input {
        width: 140px;
      }
    }
    .hint {
      font-size: 12px;
      margin-top: 6px;
    }
    .earned {
      margin: 10px 0;
    }
    .nav-buttons {
      display: flex;
      gap: 8px;
      margin-top: 10px;
    }
    .gap-top {
      display: block;
      margin-top: 12px;
    }
    .panel {
      margin-top: 16px;
      .current {
        background: #e6f4ff;
      }
      .small {
        font-size: 12px;
      }
      .comment {
        max-width: 160px;
        margin-left: auto;
      }
    }
    .panel-note {
      margin-top: 16px;
      padding: 10px 12px;
      border: 1px dashed #d9d9d9;
      border-radius: 4px;
    }
    @media (max-width: 1280px) {
      .sheet-layout {
        grid-template-columns: 240px minmax(0, 1fr);
      }
      .sheet-score {
        grid-column: 2;
        position: static;
      }
    }
    @media (max-width: 900px) {
      .sheet-layout {
        grid-template-columns: 1fr;
      }
      .sheet-nav {
        position: static;
        max-height: 260px;
      }
      .sheet-score {
        grid-column: auto;
      }
    }
  `,
  host: { '(document:keydown)': 'onKey($event)' },
})
export class SheetPage {
  private readonly api = inject(ReviewExpertApi);
  private readonly message = inject(NzMessageService);
  private readonly injector = inject(Injector);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;
  private readonly storage = sessionStore();

  /** the assignment (the route's :id) */
  readonly id = input<string>('');

  protected readonly load = loadResource({
    params: () => this.id() || undefined,
    loader: (id) => this.api.sheet(id),
  });
  private readonly sessionsLoad = loadResource({ loader: () => this.api.sessions() });

  /** the sheet as last answered by the server (questions added in place) */
  protected readonly sheet = signal<ScoreSheetView | null>(null);
  /** my entries as typed (the truth until the server has them), each with its score derived */
  protected readonly entries = signal<Entries>({});
  /** codes edited and not yet saved */
  protected readonly dirty = signal<ReadonlySet<string>>(new Set());
  protected readonly saving = signal(false);
  protected readonly savedAt = signal<string | null>(null);
  protected readonly saveError = signal<string | null>(null);
  /** a refusal that stops the autosave (the sheet was submitted elsewhere, the session closed…) */
  protected readonly stopped = signal<string | null>(null);
  protected readonly restored = signal(0);

  protected readonly selected = signal<string | null>(null);
  protected readonly unscoredOnly = signal(false);
  protected readonly panelAll = signal(false);

  protected readonly submitOpen = signal(false);
  protected readonly submitBusy = signal(false);
  protected readonly submitError = signal<string | null>(null);
  /** the unscored items a refused submit named */
  protected readonly incomplete = signal<string[] | null>(null);

  protected readonly askOpen = signal(false);
  protected readonly askText = signal('');
  protected readonly askDue = signal<Date | null>(null);
  protected readonly askTried = signal(false);
  protected readonly askBusy = signal(false);
  protected readonly askError = signal<string | null>(null);
  protected readonly questionMax = QUESTION_MAX;

  private readonly formBox = viewChild<ElementRef<HTMLElement>>('formBox');

  private version = 0;
  private server: Entries = {};
  private readonly revs = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private failures = 0;

  // ---- derived ----

  protected readonly leaves = computed(() => {
    const s = this.sheet();
    return s ? sheetLeaves(s.tree, s.items) : [];
  });
  private readonly leafByCode = computed(() => new Map(this.leaves().map((l) => [l.code, l])));
  protected readonly parts = computed(() => {
    const s = this.sheet();
    return s ? sheetParts(s.tree, this.leaves(), this.entries()) : [];
  });
  /** the parts that open a category (the navigator's headings) */
  protected readonly categoryStarts = computed(() => {
    const out = new Set<string>();
    let category: string | null = null;
    for (const p of this.parts()) {
      if (p.categoryCode !== category) out.add(p.code);
      category = p.categoryCode;
    }
    return out;
  });
  protected readonly scoredCount = computed(() => this.parts().reduce((n, p) => n + p.scored, 0));
  private readonly unscored = computed(() => new Set(unscoredCodes(this.leaves(), this.entries())));
  /** the indicators j/k walk through: every one, or the unscored ones (and the one shown) */
  protected readonly visibleCodes = computed(() => {
    const only = this.unscoredOnly();
    const unscored = this.unscored();
    const current = this.selected();
    return this.leaves()
      .map((l) => l.code)
      .filter((c) => !only || unscored.has(c) || c === current);
  });
  private readonly visibleSet = computed(() => new Set(this.visibleCodes()));
  protected readonly activePart = computed(() => {
    const c = this.selected();
    return c ? partCodeOf(c) : null;
  });
  protected readonly leaf = computed(() => {
    const c = this.selected();
    return c ? (this.leafByCode().get(c) ?? null) : null;
  });
  protected readonly sessionStatus = computed<ReviewSessionStatus | null>(() => {
    const s = this.sheet();
    return (s && this.sessionsLoad.value()?.find((x) => x.id === s.sessionId)?.status) ?? null;
  });
  protected readonly readOnly = computed(() => {
    const s = this.sheet();
    if (!s || s.submittedAt || this.stopped()) return true;
    const st = this.sessionStatus();
    return st !== null && st !== 'scoring';
  });
  /** questions may be raised while the session scores (the server decides while its status is not known yet) */
  protected readonly canAsk = computed(() => {
    const st = this.sessionStatus();
    return !!this.sheet() && (st === null || st === 'scoring');
  });
  protected readonly overdue = computed(() => {
    const s = this.sheet();
    return !!s && isOverdue(s, new Date());
  });
  /** edits that cannot be saved as typed (outside the range): kept, flagged, not sent */
  protected readonly invalidCodes = computed(() => {
    const e = this.entries();
    return [...this.dirty()].filter((c) => {
      const leaf = this.leafByCode().get(c);
      return !!leaf && entryProblem(leaf, e[c]) !== null;
    });
  });
  protected readonly saveState = computed<'saved' | 'saving' | 'error' | 'idle' | 'readonly'>(() => {
    if (this.readOnly()) return 'readonly';
    if (this.saveError()) return 'error';
    const invalid = new Set(this.invalidCodes());
    if (this.saving() || [...this.dirty()].some((c) => !invalid.has(c))) return 'saving';
    return this.savedAt() ? 'saved' : 'idle';
  });
  private readonly answers = computed(() => new Map((this.sheet()?.answers ?? []).map((a) => [a.itemCode, a])));
  protected readonly answer = computed<Answer | null>(() => {
    const c = this.selected();
    return c ? (this.answers().get(c) ?? null) : null;
  });
  protected readonly evidence = computed<EvidenceView[]>(() => {
    const c = this.selected();
    return (this.sheet()?.evidence ?? []).filter((e) => e.itemCode === c);
  });
  protected readonly questions = computed<QuestionView[]>(() => {
    const c = this.selected();
    return (this.sheet()?.questions ?? []).filter((q) => q.itemCode === c);
  });
  private readonly questionCodes = computed(() => new Set((this.sheet()?.questions ?? []).map((q) => q.itemCode)));
  protected readonly entry = computed<SheetEntryView>(() => {
    const c = this.selected();
    return (c && this.entries()[c]) || EMPTY;
  });

  protected readonly panelLoad = loadResource({
    params: () => {
      const s = this.sheet();
      return s?.submittedAt ? s.assignmentId : undefined;
    },
    loader: (id) => this.api.panelScores(id),
  });
  protected readonly panelRows = computed(() => {
    const part = this.activePart();
    const all = this.panelAll();
    return this.leaves().filter((l) => all || partCodeOf(l.code) === part);
  });

  protected readonly kindLabel = computed(() => {
    const s = this.sheet();
    return s ? vocabulary(SESSION_KIND_LABELS, s.kind, this.i18n.lang()) : '';
  });
  protected readonly statusLabel = (s: ReviewSessionStatus) => vocabulary(SESSION_STATUS_LABELS, s, this.i18n.lang());
  protected readonly day = (d: string | null | undefined) => formatDay(d, this.i18n.lang());
  protected readonly time = (d: string | null | undefined) => formatDateTime(d, this.i18n.lang());
  protected readonly points = points;
  protected readonly scoringOf = scoringOf;
  protected readonly scoreForm = scoreForm;
  protected readonly tiers = tiers;
  protected readonly hasQuestions = (code: string) => this.questionCodes().has(code);
  protected readonly isScored = (code: string) => !this.unscored().has(code);
  protected readonly isVisible = (code: string) => this.visibleSet().has(code);
  protected readonly isInvalid = (code: string) => this.invalidCodes().includes(code);
  protected readonly title = (code: string) => this.leafByCode().get(code)?.title ?? '';

  constructor() {
    effect(() => {
      const v = this.load.value();
      if (v) untracked(() => this.adopt(v));
    });
    inject(DestroyRef).onDestroy(() => {
      if (this.timer) clearTimeout(this.timer);
      // a last save of what was typed (fire and forget); sessionStorage keeps it anyway
      if (!this.readOnly() && this.dirty().size) void this.save();
    });
  }

  // ---- loading ----

  /** Takes a sheet the server answered: my unsaved edits (in the page, or kept in sessionStorage) stay on top. */
  private adopt(view: ScoreSheetView): void {
    const previous = this.sheet();
    const fresh = previous?.assignmentId !== view.assignmentId;
    if (fresh) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.revs.clear();
      this.savedAt.set(null);
      this.saveError.set(null);
      this.stopped.set(null);
      this.incomplete.set(null);
      this.restored.set(0);
    }
    this.sheet.set(view);
    this.version = view.version;
    this.server = view.entries;
    const codes = view.items;
    if (view.submittedAt) {
      writeDraft(this.storage, view.assignmentId, view.version, {}, []);
      this.entries.set({ ...view.entries });
      this.dirty.set(new Set());
    } else {
      const kept = fresh
        ? readDraft(this.storage, view.assignmentId)
        : { version: this.version, entries: pick(this.entries(), this.dirty()) };
      const { entries, dirty } = restoreDraft(view.entries, kept, codes);
      this.entries.set(this.scored(entries));
      this.dirty.set(dirty);
      if (fresh && dirty.size) this.restored.set(dirty.size);
      this.persist();
      if (dirty.size && !this.stopped()) this.schedule(AUTOSAVE_MS);
    }
    if (fresh || !this.selected() || !codes.includes(this.selected() as string)) {
      const first = unscoredCodes(this.leaves(), this.entries())[0] ?? this.leaves()[0]?.code ?? null;
      this.selected.set(first);
    }
  }

  /** Every entry with its score derived by its leaf's kind. */
  private scored(entries: Entries): Entries {
    const out: Entries = {};
    for (const [code, e] of Object.entries(entries)) {
      const leaf = this.leafByCode().get(code);
      out[code] = leaf ? withScore(leaf, e) : e;
    }
    return out;
  }

  // ---- navigation ----

  protected select(code: string | null, focus = false): void {
    if (!code) return;
    this.selected.set(code);
    if (focus) afterNextRender(() => this.focusForm(), { injector: this.injector });
  }

  protected showPart(code: string): void {
    const part = this.parts().find((p) => p.code === code);
    if (!part) return;
    const visible = this.visibleSet();
    this.select(part.codes.find((c) => visible.has(c)) ?? part.codes[0] ?? null);
  }

  protected step(delta: number): void {
    this.select(stepCode(this.visibleCodes(), this.selected(), delta), true);
  }

  protected setUnscoredOnly(on: boolean): void {
    this.unscoredOnly.set(on);
    const current = this.selected();
    if (on && current && !this.unscored().has(current)) {
      const next = this.leaves().find((l) => this.unscored().has(l.code));
      if (next) this.select(next.code);
    }
  }

  /** The first control of my score: the chosen option (or the first), the number, else the comment. */
  private focusForm(): void {
    const box = this.formBox()?.nativeElement;
    if (!box) return;
    const target =
      box.querySelector<HTMLElement>('input[type=radio]:checked:not(:disabled)') ??
      box.querySelector<HTMLElement>('input:not(:disabled), textarea:not(:disabled)');
    target?.focus({ preventScroll: false });
  }

  /** j/k or ↓/↑: the next/previous indicator; 1–4: a binary option. Not while typing text or in a dialog. */
  protected onKey(ev: KeyboardEvent): void {
    if (ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey || !this.sheet()) return;
    if (this.askOpen() || this.submitOpen() || document.querySelector('.ant-modal-wrap')) return;
    const el = ev.target instanceof HTMLElement ? ev.target : null;
    const tag = el?.tagName ?? '';
    const type = tag === 'INPUT' ? (el as HTMLInputElement).type : '';
    if (tag === 'TEXTAREA' || tag === 'SELECT' || el?.isContentEditable) return;
    if (tag === 'INPUT' && !['radio', 'checkbox', 'number', 'button'].includes(type)) return;
    if (el?.closest('.ant-select, .ant-picker')) return;
    switch (ev.key) {
      case 'j':
      case 'ArrowDown':
        ev.preventDefault();
        this.step(1);
        return;
      case 'k':
      case 'ArrowUp':
        ev.preventDefault();
        this.step(-1);
        return;
      case '1':
      case '2':
      case '3':
      case '4': {
        const leaf = this.leaf();
        if (type === 'number' || !leaf || this.readOnly() || scoringOf(leaf) !== 'binary') return;
        const option = this.options(leaf)[Number(ev.key) - 1];
        if (!option) return;
        ev.preventDefault();
        this.setOption(leaf, option);
        return;
      }
    }
  }

  // ---- labels ----

  protected level(l: Level | null | undefined): string {
    if (!l) return '';
    return this.i18n.isZh() ? ASSESSMENT_LEVEL_LABELS_ZH[l] : ASSESSMENT_LEVEL_LABELS_EN[l];
  }

  protected scoringLabel(k: ScoringKind): string {
    return this.t(`rx.scoring.${k}`);
  }

  protected optionLabel(o: BinaryOption): string {
    return this.t(`rx.option.${o}`);
  }

  protected options(leaf: IndicatorLeaf): BinaryOption[] {
    return binaryOptionsFor(leaf, this.entries()[leaf.code]?.choice?.option ?? null);
  }

  /** "四级乙等（2.5）：满足第二项要求" */
  protected tierLabel(leaf: IndicatorLeaf, tier: { level: Level; points: number }): string {
    const req = leaf.requirementByLevel?.[tier.level];
    return `${this.level(tier.level)}（${tier.points}）${req ? `：${req}` : ''}`;
  }

  /** The applicant's answer as printed: the option, the level, the count or the share. */
  protected choiceText(c: AnswerChoice | null | undefined): string {
    if (!c) return '';
    if (c.option) return this.optionLabel(c.option);
    if (c.share !== undefined) return `${points(c.share * 100)}%`;
    if (c.count !== undefined) return this.t('rx.sheet.countMet', { n: c.count });
    if (c.level !== undefined) return c.level === null ? this.t('rx.sheet.levelNone') : this.level(c.level);
    return '';
  }

  protected countHint(leaf: IndicatorLeaf): string {
    if (scoringOf(leaf) === 'count')
      return this.t('rx.sheet.countRule', { per: leaf.perItem ?? 0, max: leaf.maxPoints ?? leaf.points });
    return Object.entries(leaf.minCountByLevel ?? {})
      .map(([l, n]) => this.t('rx.sheet.countLevel', { level: this.level(l as Level), n: n ?? 0 }))
      .join(this.i18n.isZh() ? '；' : '; ');
  }

  protected taskStatus(s: string | null): string {
    if (!s) return '';
    const l = TASK_STATUS_LABELS[s as TaskDisplayStatus];
    return l ? l[this.i18n.lang()] : s;
  }

  protected taskColor(s: string | null): string {
    return (s && TASK_COLORS[s]) || 'default';
  }

  protected answerFileUrl(q: QuestionView, fileId: string): string {
    return this.api.answerFileUrl(q.id, fileId);
  }

  protected checklistUrl(caseId: string): string {
    return this.api.checklistUrl(caseId);
  }

  protected evidenceUrl(e: EvidenceView): string {
    return this.api.evidenceUrl(this.sheet()?.assignmentId ?? '', e.id);
  }

  protected fileSize(bytes: number): string {
    if (bytes < 1024) return `${bytes} B`;
    if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
    return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  }

  /** The points my current entry earns (the one rule), or null. */
  protected earned(leaf: IndicatorLeaf): number | null {
    const e = this.entries()[leaf.code];
    if (!e || entryProblem(leaf, e)) return null;
    return withScore(leaf, e).score;
  }

  protected numberValue(leaf: IndicatorLeaf): number | null {
    const e = this.entries()[leaf.code];
    switch (scoreForm(leaf)) {
      case 'share':
        return e?.choice?.share === undefined ? null : Math.round(e.choice.share * 1e6) / 1e4;
      case 'count':
        return e?.choice?.count ?? null;
      default:
        return e?.score ?? null;
    }
  }

  protected levelValue(leaf: IndicatorLeaf): Level | 'none' | null {
    const c = this.entries()[leaf.code]?.choice;
    if (!c || c.level === undefined) return null;
    return c.level === null ? 'none' : c.level;
  }

  protected problemText(leaf: IndicatorLeaf): string | null {
    const p = entryProblem(leaf, this.entries()[leaf.code]);
    if (!p) return null;
    switch (scoreForm(leaf)) {
      case 'share':
        return this.t('rx.sheet.shareRange');
      case 'count':
        return this.t('rx.sheet.countRange');
      default:
        return this.t('rx.sheet.scoreRange', { max: leaf.points });
    }
  }

  protected panelScore(entries: Record<string, SheetEntryView>, code: string): string {
    const e = entries[code];
    return e ? points(e.score) : '—';
  }

  // ---- editing ----

  protected setOption(leaf: IndicatorLeaf, option: BinaryOption | null): void {
    this.edit(leaf, { choice: option ? { option } : undefined });
  }

  protected setLevel(leaf: IndicatorLeaf, level: Level | 'none' | null): void {
    this.edit(leaf, { choice: level === null ? undefined : { level: level === 'none' ? null : level } });
  }

  protected setNumber(leaf: IndicatorLeaf, raw: string | number | null): void {
    const n = parseNumber(raw);
    const form = scoreForm(leaf);
    if (form === 'share' || form === 'count') this.edit(leaf, { choice: choiceFromNumber(form, n) ?? undefined });
    else this.edit(leaf, { score: n });
  }

  protected setComment(leaf: IndicatorLeaf, comment: string): void {
    this.edit(leaf, { comment: comment ?? '' });
  }

  /** One edit: the entry changes at once (its score derived), kept in sessionStorage, one autosave follows. */
  private edit(leaf: IndicatorLeaf, patch: Partial<SheetEntryView>): void {
    if (this.readOnly()) return;
    const code = leaf.code;
    this.entries.update((all) => {
      const next: SheetEntryView = { ...(all[code] ?? EMPTY), ...patch };
      if (next.choice === undefined) delete next.choice;
      return { ...all, [code]: withScore(leaf, next) };
    });
    this.revs.set(code, (this.revs.get(code) ?? 0) + 1);
    this.dirty.update((d) => new Set(d).add(code));
    this.incomplete.update((list) => (list ? list.filter((c) => !isEntryScored(leaf, this.entries()[c])) : list));
    this.persist();
    this.schedule(AUTOSAVE_MS);
  }

  private persist(): void {
    const s = this.sheet();
    if (s) writeDraft(this.storage, s.assignmentId, this.version, this.entries(), this.dirty());
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.save();
    }, ms);
  }

  /** Saves now (the status line's 重试). */
  protected retryNow(): void {
    this.failures = 0;
    void this.save();
  }

  /**
   * Saves the changed, valid entries on the sheet's version. A save during a save runs after it. A stale save
   * merges (my unsaved edits over the server's sheet) and saves again; a passing failure retries later; a refusal
   * that cannot pass (the sheet is locked, the session closed) stops the autosave and reloads the sheet.
   */
  async save(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    const sheet = this.sheet();
    if (!sheet || this.readOnly()) return;
    const id = sheet.assignmentId;
    const run = (async () => {
      this.saving.set(true);
      try {
        for (let round = 0; round < STALE_ROUNDS; round++) {
          const { send } = saveBatch(this.leaves(), this.entries(), this.dirty());
          if (!send.length) return;
          const sent = new Map(send.map((e) => [e.itemCode, this.revs.get(e.itemCode) ?? 0]));
          try {
            const r = await this.api.save(id, this.version, send);
            if (this.sheet()?.assignmentId !== id) return;
            this.version = r.version;
            this.server = r.entries;
            const dirty = new Set(this.dirty());
            for (const [code, rev] of sent) if ((this.revs.get(code) ?? 0) === rev) dirty.delete(code);
            this.entries.set(this.scored(mergeEntries(r.entries, this.entries(), [...dirty, ...sent.keys()])));
            this.dirty.set(dirty);
            this.saveError.set(null);
            this.failures = 0;
            this.savedAt.set(clockInChina());
            this.persist();
            return;
          } catch (err) {
            if (this.sheet()?.assignmentId !== id) return;
            const stale = staleSheetOf(apiErrorOf(err));
            if (stale) {
              // keep my unsaved typed edits, take the server's for everything else, and save again
              this.version = stale.version;
              this.server = stale.entries;
              const dirty = stillDirty(stale.entries, this.entries(), this.dirty());
              this.entries.set(this.scored(mergeEntries(stale.entries, this.entries(), dirty)));
              this.dirty.set(dirty);
              this.persist();
              continue;
            }
            this.failed(err);
            return;
          }
        }
        this.schedule(RETRY_MS);
      } finally {
        this.saving.set(false);
      }
    })();
    this.inFlight = run;
    try {
      await run;
    } finally {
      if (this.inFlight === run) this.inFlight = null;
    }
  }

  private failed(err: unknown): void {
    const text = errorMessage(err, this.t);
    if (transient(err)) {
      this.saveError.set(text);
      this.failures++;
      this.schedule(Math.min(RETRY_MS * 2 ** (this.failures - 1), 60_000));
      return;
    }
    // the sheet cannot take the edits now (locked, the session not scoring, gone): they stay kept in sessionStorage
    this.saveError.set(null);
    this.stopped.set(text);
    this.load.reload();
  }

  /** Saves pending input now; true when the server has every valid edit. */
  private async flush(): Promise<boolean> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    await this.save();
    const invalid = new Set(this.invalidCodes());
    return ![...this.dirty()].some((c) => !invalid.has(c)) && !this.saveError() && !this.stopped();
  }

  // ---- submit ----

  async startSubmit(): Promise<void> {
    this.submitError.set(null);
    this.incomplete.set(null);
    const saved = await this.flush();
    const invalid = this.invalidCodes();
    if (invalid.length) {
      this.message.error(this.t('rx.sheet.fixInvalid', { n: invalid.length }));
      this.select(invalid[0] ?? null, true);
      return;
    }
    if (!saved) {
      this.message.error(this.saveError() ?? this.stopped() ?? this.t('rx.sheet.notSaved'));
      return;
    }
    const missing = unscoredCodes(this.leaves(), this.entries());
    if (missing.length) {
      this.incomplete.set(missing);
      this.select(missing[0] ?? null, true);
      return;
    }
    this.submitOpen.set(true);
  }

  async confirmSubmit(): Promise<void> {
    const sheet = this.sheet();
    if (!sheet) return;
    this.submitBusy.set(true);
    this.submitError.set(null);
    try {
      const view = await this.api.submit(sheet.assignmentId, this.version);
      this.dirty.set(new Set());
      this.submitOpen.set(false);
      this.adopt(view);
      this.message.success(this.t('rx.sheet.submitted'));
    } catch (err) {
      const body = apiErrorOf(err);
      const missing = incompleteItemsOf(body);
      const stale = staleSheetOf(body);
      if (missing) {
        this.submitOpen.set(false);
        this.incomplete.set(missing);
        this.select(missing[0] ?? null, true);
      } else if (stale) {
        this.version = stale.version;
        this.server = stale.entries;
        const dirty = stillDirty(stale.entries, this.entries(), this.dirty());
        this.entries.set(this.scored(mergeEntries(stale.entries, this.entries(), dirty)));
        this.dirty.set(dirty);
        this.persist();
        if (dirty.size) void this.save();
        this.submitError.set(this.t('rx.sheet.staleSubmit'));
      } else {
        this.submitError.set(errorMessage(err, this.t));
      }
    } finally {
      this.submitBusy.set(false);
    }
  }

  // ---- questions ----

  protected openAsk(): void {
    this.askText.set('');
    this.askDue.set(fromDateString(defaultQuestionDue()));
    this.askTried.set(false);
    this.askError.set(null);
    this.askOpen.set(true);
  }

  protected readonly askProblems = computed(() => {
    const d = this.askDue();
    return questionProblems(this.askText(), d ? toDateString(d) : null);
  });

  protected readonly notAfterToday = (d: Date): boolean => toDateString(d) <= shanghaiDate(new Date());

  async sendQuestion(): Promise<void> {
    const sheet = this.sheet();
    const code = this.selected();
    if (!sheet || !code) return;
    this.askTried.set(true);
    this.askError.set(null);
    const due = this.askDue();
    if (Object.keys(this.askProblems()).length || !due) return;
    this.askBusy.set(true);
    try {
      const q = await this.api.ask(sheet.assignmentId, {
        itemCode: code,
        text: this.askText().trim(),
        dueDate: toDateString(due),
      });
      this.sheet.update((s) => (s ? { ...s, questions: [...s.questions, q] } : s));
      this.askOpen.set(false);
      this.message.success(this.t('rx.sheet.questionSent', { date: this.day(q.dueDate) }));
    } catch (err) {
      this.askError.set(errorMessage(err, this.t));
    } finally {
      this.askBusy.set(false);
    }
  }
}

function pick(entries: Entries, codes: Iterable<string>): Entries {
  const out: Entries = {};
  for (const c of codes) if (entries[c]) out[c] = entries[c];
  return out;
}
