import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import type {
  Answer,
  AnswerChoice,
  ApplicationView,
  BinaryOption,
  EvidenceView,
  Level,
  MissingItem,
} from '@hutong/assessment-model';
import {
  BINARY_OPTIONS,
  EVIDENCE_ACCEPT,
  EVIDENCE_MAX_BYTES,
  choiceFor,
  completenessOf,
  detectEvidenceType,
  partCodeOf,
  scoreOf,
  scoringOf,
  tiers,
  type Completeness,
  type IndicatorLeaf,
} from '@hutong/assessment-model';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzUploadModule, type NzUploadFile } from 'ng-zorro-antd/upload';
import { errorMessage } from '@hutong/platform-web';
import { AssessmentApiService } from './assessment-api.service';
import { I18nService } from '@hutong/platform-web';
import { AssessmentText, clockInChina, groupLeaves } from './assessment-ui';

export const AUTOSAVE_MS = 1000;
export const RETRY_MS = 5000;

type Drafts = Record<string, Answer>;

/** The drafts of the required leaves, from the server's answers (missing ones empty). */
export function draftsFrom(leaves: IndicatorLeaf[], answers: Answer[]): Drafts {
  const byCode = new Map(answers.map((a) => [a.itemCode, a]));
  const out: Drafts = {};
  for (const l of leaves) {
    const a = byCode.get(l.code);
    out[l.code] = {
      itemCode: l.code,
      selfScore: a?.selfScore ?? null,
      statement: a?.statement ?? '',
      ...(a?.choice ? { choice: a.choice } : {}),
    };
  }
  return out;
}

/** The completeness of what is typed now and the files uploaded — the domain's rule, the one the api applies. */
export function draftCompleteness(leaves: IndicatorLeaf[], drafts: Drafts, evidence: EvidenceView[]): Completeness {
  return completenessOf(
    leaves,
    Object.values(drafts),
    evidence.map((e) => e.itemCode),
  );
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The self-assessment questionnaire: a navigator over the parts (with progress per part and an "unfinished
 * only" filter), and for every required leaf the answer its scoring kind asks for (the printed options of a
 * binary item, the level met, a count — or a typed score), a statement and evidence files; one answer can be
 * given to a whole part.
 * Typing autosaves (debounced); the typed values are the truth until the server has them, so a failed
 * save never loses input.
 */
@Component({
  selector: 'lib-self-assessment',
  imports: [
    FormsModule,
    NzCardModule,
    NzTagModule,
    NzInputModule,
    NzInputNumberModule,
    NzUploadModule,
    NzButtonModule,
    NzIconModule,
    NzPopconfirmModule,
    NzAlertModule,
    NzEmptyModule,
    NzRadioModule,
    NzSelectModule,
    NzCheckboxModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './self-assessment.html',
  styleUrls: ['./assessment.scss', './self-assessment.scss'],
})
export class SelfAssessment {
  private readonly api = inject(AssessmentApiService);
  private readonly message = inject(NzMessageService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  protected readonly i18n = inject(I18nService);
  protected readonly text = inject(AssessmentText);
  protected readonly t = this.i18n.t;

  readonly app = input.required<ApplicationView>();
  readonly leaves = input.required<IndicatorLeaf[]>();
  readonly editable = input(false);
  /** the items a refused submit named (highlighted) */
  readonly missing = input<MissingItem[]>([]);
  /** the server's answer after an autosave */
  readonly changed = output<ApplicationView>();

  protected readonly accept = EVIDENCE_ACCEPT;
  protected readonly maxMb = Math.round(EVIDENCE_MAX_BYTES / 1024 / 1024);
  protected readonly drafts = signal<Drafts>({});
  protected readonly evidence = signal<EvidenceView[]>([]);
  protected readonly uploading = signal<ReadonlySet<string>>(new Set());
  protected readonly dirty = signal(false);
  protected readonly saving = signal(false);
  protected readonly savedAt = signal<string | null>(null);
  protected readonly saveError = signal<string | null>(null);

  private timer: ReturnType<typeof setTimeout> | null = null;
  private editSeq = 0;
  private inFlight: Promise<void> | null = null;
  private loadedId: string | null = null;

  protected readonly binaryOptions = BINARY_OPTIONS;
  protected readonly scoringOf = scoringOf;
  protected readonly tiers = tiers;
  /** the part shown ('all': every part); null until the first load picks one */
  protected readonly part = signal<string | null>(null);
  protected readonly unfinishedOnly = signal(false);
  /** the answer chosen for a whole part (binary option) */
  protected readonly partOption = signal<BinaryOption>('full');
  private readonly unfinishedCodes = computed(() => new Set(this.completeness().items.map((i) => i.itemCode)));
  /** every part with its leaves and progress, for the navigator */
  protected readonly parts = computed(() => {
    const unfinished = this.unfinishedCodes();
    return groupLeaves(this.leaves()).flatMap((g) =>
      g.items.map((item) => ({
        code: item.code,
        title: item.title || g.title,
        category: g.title,
        total: item.leaves.length,
        done: item.leaves.filter((l) => !unfinished.has(l.code)).length,
        binary: item.leaves.filter((l) => scoringOf(l) === 'binary').length,
      })),
    );
  });
  protected readonly groups = computed(() => {
    const part = this.part();
    const unfinished = this.unfinishedCodes();
    const only = this.unfinishedOnly();
    const attention = new Set([...this.reasons().keys(), ...this.missingByCode().keys()]);
    const shown = this.leaves().filter(
      (l) =>
        (part === null || part === 'all' || partCodeOf(l.code) === part) &&
        (!only || unfinished.has(l.code) || attention.has(l.code)),
    );
    return groupLeaves(shown);
  });
  protected readonly reasons = computed(() => {
    const m = new Map<string, string[]>();
    for (const r of this.app().returnReasons) m.set(r.itemCode, [...(m.get(r.itemCode) ?? []), r.reason]);
    return m;
  });
  protected readonly missingByCode = computed(() => {
    const m = new Map<string, MissingItem['what'][]>();
    for (const x of this.missing()) m.set(x.itemCode, [...(m.get(x.itemCode) ?? []), x.what]);
    return m;
  });
  protected readonly filesByCode = computed(() => {
    const m = new Map<string, EvidenceView[]>();
    for (const e of this.evidence()) m.set(e.itemCode, [...(m.get(e.itemCode) ?? []), e]);
    return m;
  });
  /** one result for every count: the progress here, the page's banner and its list */
  readonly completeness = computed(() => draftCompleteness(this.leaves(), this.drafts(), this.evidence()));
  protected readonly doneCount = computed(() => this.completeness().done);
  protected readonly fileSize = fileSize;
  protected readonly evidenceUrl = (e: EvidenceView) => this.api.evidenceUrl(this.app().id, e.id);

  constructor() {
    // take the server's answers on load, and later only when nothing typed is waiting
    effect(() => {
      const app = this.app();
      const leaves = this.leaves();
      untracked(() => {
        const fresh = this.loadedId !== app.id;
        if (fresh || (!this.dirty() && !this.saving())) this.drafts.set(draftsFrom(leaves, app.answers));
        if (fresh || this.uploading().size === 0) this.evidence.set(app.evidence);
        if (fresh) this.part.set(this.firstPartToShow(leaves));
        this.loadedId = app.id;
      });
    });
    inject(DestroyRef).onDestroy(() => {
      if (this.timer) clearTimeout(this.timer);
      // a last save of what was typed (fire and forget)
      if (this.dirty() && this.editable()) void this.save();
    });
  }

  protected answer(code: string): Answer {
    return this.drafts()[code] ?? { itemCode: code, selfScore: null, statement: '' };
  }

  /** The part with a return reason, else the first unfinished one, else the first. */
  private firstPartToShow(leaves: IndicatorLeaf[]): string | null {
    const reason = leaves.find((l) => this.reasons().has(l.code));
    if (reason) return partCodeOf(reason.code);
    const unfinished = this.completeness().items[0];
    if (unfinished) return partCodeOf(unfinished.itemCode);
    return leaves[0] ? partCodeOf(leaves[0].code) : null;
  }

  protected showPart(code: string): void {
    this.part.set(code);
  }

  protected setUnfinishedOnly(on: boolean): void {
    this.unfinishedOnly.set(on);
  }

  /** The control a leaf's answer takes: the printed options, a share, a count of options, a level, or a score. */
  protected answerForm(leaf: IndicatorLeaf): 'options' | 'share' | 'count' | 'level' | 'score' {
    switch (scoringOf(leaf)) {
      case 'binary':
        return 'options';
      case 'count':
        return 'count';
      case 'tiered':
        return leaf.proportional ? 'share' : leaf.minCountByLevel ? 'count' : 'level';
      default:
        return 'score';
    }
  }

  /** The score the current answer earns (the domain's rule; the server derives the same). */
  protected scoreNow(leaf: IndicatorLeaf): number | null {
    const a = this.answer(leaf.code);
    return scoringOf(leaf) === 'scale' ? a.selfScore : scoreOf(leaf, a.choice);
  }

  protected setChoice(leaf: IndicatorLeaf, choice: AnswerChoice | null): void {
    this.edit({ [leaf.code]: { choice, selfScore: choice ? scoreOf(leaf, choice) : null } });
  }

  protected setOption(leaf: IndicatorLeaf, option: BinaryOption): void {
    this.setChoice(leaf, { option });
  }

  protected setLevel(leaf: IndicatorLeaf, level: Level | 'none' | null): void {
    this.setChoice(leaf, level === null ? null : { level: level === 'none' ? null : level });
  }

  protected setCount(leaf: IndicatorLeaf, n: number | null): void {
    this.setChoice(leaf, typeof n === 'number' && Number.isInteger(n) && n >= 0 ? { count: n } : null);
  }

  protected setShare(leaf: IndicatorLeaf, percent: number | null): void {
    this.setChoice(
      leaf,
      typeof percent === 'number' && percent >= 0 && percent <= 100 ? { share: percent / 100 } : null,
    );
  }

  /** "四级乙等（2.5）：满足第二项要求" — a level, its points and the document's requirement */
  protected tierLabel(leaf: IndicatorLeaf, tier: { level: Level; points: number }): string {
    const req = leaf.requirementByLevel?.[tier.level];
    return `${this.text.level(tier.level)}（${tier.points}）${req ? `：${req}` : ''}`;
  }

  protected levelValue(code: string): Level | 'none' | null {
    const c = this.answer(code).choice;
    if (!c || c.level === undefined) return null;
    return c.level === null ? 'none' : c.level;
  }

  /** One answer for every binary item of the part (whole-part answers): one edit, one autosave. */
  protected applyToPart(part: string): void {
    const choice: AnswerChoice = { option: this.partOption() };
    const targets = this.leaves().filter((l) => partCodeOf(l.code) === part && scoringOf(l) === 'binary');
    if (!targets.length) return;
    this.edit(
      Object.fromEntries(
        targets.flatMap((l) => {
          const c = choiceFor(l, choice);
          return c ? [[l.code, { choice: c, selfScore: scoreOf(l, c) }]] : [];
        }),
      ),
    );
    this.message.success(this.t('app.partApplied', { n: targets.length }));
  }

  protected setScore(code: string, value: number | null): void {
    this.edit({ [code]: { selfScore: typeof value === 'number' && Number.isFinite(value) ? value : null } });
  }

  protected setStatement(code: string, value: string): void {
    this.edit({ [code]: { statement: value } });
  }

  /** One edit of one or more answers: the drafts change at once, one autosave follows. */
  private edit(patches: Record<string, Partial<Answer>>): void {
    this.drafts.update((d) => {
      const next = { ...d };
      for (const [code, patch] of Object.entries(patches)) next[code] = { ...this.answer(code), ...patch };
      return next;
    });
    this.editSeq++;
    this.dirty.set(true);
    this.schedule(AUTOSAVE_MS);
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.save();
    }, ms);
  }

  /** Saves what is typed now; a save during a save runs again after it. */
  async save(): Promise<void> {
    if (this.inFlight) {
      await this.inFlight;
      if (!this.dirty()) return;
    }
    const seq = this.editSeq;
    const answers = Object.values(this.drafts());
    this.saving.set(true);
    const run = (async () => {
      try {
        const app = await this.api.saveAnswers(this.app().id, { answers });
        this.saveError.set(null);
        this.savedAt.set(clockInChina());
        if (seq === this.editSeq) this.dirty.set(false);
        this.saving.set(false);
        this.changed.emit(app);
      } catch (err) {
        this.saving.set(false);
        this.saveError.set(errorMessage(err, this.t));
        this.schedule(RETRY_MS);
      }
    })();
    this.inFlight = run;
    try {
      await run;
    } finally {
      this.inFlight = null;
    }
  }

  /** Saves pending input now (before a submit); true when the server has everything. */
  async flush(): Promise<boolean> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.inFlight) await this.inFlight;
    if (this.dirty()) await this.save();
    return !this.dirty() && !this.saveError();
  }

  /** Why the last autosave failed (null when it succeeded). */
  lastError(): string | null {
    return this.saveError();
  }

  /** Scrolls to a leaf (the first missing one after a refused submit). */
  reveal(code: string): void {
    const scroll = () =>
      this.host.nativeElement
        .querySelector(`[data-code="${CSS.escape(code)}"]`)
        ?.scrollIntoView?.({ behavior: 'smooth', block: 'center' });
    if (this.part() !== 'all' && this.part() !== partCodeOf(code)) {
      this.part.set(partCodeOf(code));
      setTimeout(scroll); // once the part is drawn
    } else scroll();
  }

  /** nz-upload hands the file over; we check size and content, then send it ourselves. */
  protected beforeUpload(code: string): (file: NzUploadFile) => boolean {
    let fn = this.uploadHandlers.get(code);
    if (!fn) {
      fn = (file) => {
        void this.upload(code, file as unknown as File);
        return false;
      };
      this.uploadHandlers.set(code, fn);
    }
    return fn;
  }
  private readonly uploadHandlers = new Map<string, (file: NzUploadFile) => boolean>();

  async upload(code: string, file: File): Promise<void> {
    if (file.size > EVIDENCE_MAX_BYTES) {
      this.message.error(this.t('app.tooLarge', { mb: this.maxMb }));
      return;
    }
    // the whole file: an Office document is told by its ZIP directory, at the end of the file
    if (!detectEvidenceType(new Uint8Array(await file.arrayBuffer()))) {
      this.message.error(this.t('app.badType'));
      return;
    }
    this.uploading.update((s) => new Set([...s, code]));
    try {
      const ev = await this.api.uploadEvidence(this.app().id, code, file);
      this.evidence.update((list) => [...list, ev]);
      this.message.success(this.t('app.uploaded', { name: ev.fileName }));
    } catch (err) {
      this.message.error(errorMessage(err, this.t));
    } finally {
      this.uploading.update((s) => new Set([...s].filter((c) => c !== code)));
    }
  }

  async remove(e: EvidenceView): Promise<void> {
    try {
      await this.api.deleteEvidence(this.app().id, e.id);
      this.evidence.update((list) => list.filter((x) => x.id !== e.id));
      this.message.success(this.t('common.deleted'));
    } catch (err) {
      this.message.error(errorMessage(err, this.t));
    }
  }

  protected missingText(what: MissingItem['what']): string {
    return this.t(`app.missing.${what}`);
  }
}
