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
import type { Answer, ApplicationView, EvidenceView, MissingItem } from '@hutong/assessment-model';
import {
  EVIDENCE_ACCEPT,
  EVIDENCE_MAX_BYTES,
  completenessOf,
  detectEvidenceType,
  type Completeness,
  type IndicatorLeaf,
} from '@hutong/assessment-model';
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
    out[l.code] = { itemCode: l.code, selfScore: a?.selfScore ?? null, statement: a?.statement ?? '' };
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
 * The self-assessment questionnaire: for every required leaf a self-score, a statement and evidence files.
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

  protected readonly groups = computed(() => groupLeaves(this.leaves()));
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

  protected setScore(code: string, value: number | null): void {
    this.edit(code, { selfScore: typeof value === 'number' && Number.isFinite(value) ? value : null });
  }

  protected setStatement(code: string, value: string): void {
    this.edit(code, { statement: value });
  }

  private edit(code: string, patch: Partial<Answer>): void {
    this.drafts.update((d) => ({ ...d, [code]: { ...this.answer(code), ...patch } }));
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
    const el = this.host.nativeElement.querySelector(`[data-code="${CSS.escape(code)}"]`);
    el?.scrollIntoView?.({ behavior: 'smooth', block: 'center' });
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
