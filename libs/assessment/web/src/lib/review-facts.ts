import { ChangeDetectionStrategy, Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { FACT_NOTE_MAX, OPINION_MAX, type ApplicationView } from '@hutong/assessment-model';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { I18nService, errorMessage, formatDateTime } from '@hutong/platform-web';
import { AssessmentApiService } from './assessment-api.service';
import { AssessmentText, toDateString, todayInChina } from './assessment-ui';

/** What the conformance form would send, or why not: counts are whole numbers ≥ 0, failed ≤ items. */
export function conformanceProblem(items: number | null, failed: number | null): 'counts' | null {
  const whole = (n: number | null): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  return whole(items) && whole(failed) && failed <= items ? null : 'counts';
}

/**
 * 评审记录: what the review recorded on the application — the standard conformance test, the panels' opinions, the
 * on-site result, the national body's spot check — as one compact block, with the small forms that record them
 * in their state (the coordinator's until the review capability's screens exist; the spot check the national
 * body's). Each form answers the application as the api returns it.
 */
@Component({
  selector: 'lib-review-facts',
  imports: [
    FormsModule,
    NzCardModule,
    NzDescriptionsModule,
    NzTagModule,
    NzButtonModule,
    NzInputModule,
    NzInputNumberModule,
    NzSelectModule,
    NzDatePickerModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (visible()) {
      <nz-card nzSize="small" [nzTitle]="t('facts.title')" class="block" data-testid="review-facts">
        @if (hasFacts()) {
          <nz-descriptions nzSize="small" nzBordered [nzColumn]="{ xxl: 2, xl: 2, lg: 2, md: 1, sm: 1, xs: 1 }">
            @if (app().conformance; as c) {
              <nz-descriptions-item [nzTitle]="t('facts.conformance')">
                <span data-testid="fact-conformance" [attr.data-passed]="c.passed">
                  <nz-tag [nzColor]="c.passed ? 'green' : 'red'">{{ passText(c.passed) }}</nz-tag>
                  {{ t('facts.conformanceCounts', { items: c.items, failed: c.failedItems }) }}
                  @if (c.note) {
                    · {{ c.note }}
                  }
                  <span class="muted"> · {{ date(c.recordedAt) }}</span>
                </span>
              </nz-descriptions-item>
            }
            @if (app().reviewOpinions.document_review; as o) {
              <nz-descriptions-item [nzTitle]="t('facts.documentReview')">
                <span class="pre" data-testid="fact-document-review">{{ o.opinion }}</span>
                <span class="muted"> · {{ t('facts.consolidatedAt', { at: date(o.at) }) }}</span>
              </nz-descriptions-item>
            }
            @if (app().reviewOpinions.onsite; as o) {
              <nz-descriptions-item [nzTitle]="t('facts.onsiteOpinion')">
                <span class="pre" data-testid="fact-onsite-opinion">{{ o.opinion }}</span>
                <span class="muted"> · {{ date(o.at) }}</span>
              </nz-descriptions-item>
            }
            @if (app().onsiteResult; as r) {
              <nz-descriptions-item [nzTitle]="t('facts.onsite')">
                <span data-testid="fact-onsite" [attr.data-passed]="r.passed">
                  <nz-tag [nzColor]="r.passed ? 'green' : 'orange'">{{ passText(r.passed) }}</nz-tag>
                  {{ t('facts.findings', { n: r.findings }) }}
                  @if (r.rectification) {
                    · {{ t('facts.rectification') }}：{{ r.rectification }}
                  }
                </span>
              </nz-descriptions-item>
            }
            @if (app().spotCheck; as s) {
              <nz-descriptions-item [nzTitle]="t('facts.spotCheck')">
                <span data-testid="fact-spot-check" [attr.data-passed]="s.passed">
                  <nz-tag [nzColor]="s.passed ? 'green' : 'red'">{{ passText(s.passed) }}</nz-tag>
                  {{ text.day(s.date) }}
                  @if (s.note) {
                    · {{ s.note }}
                  }
                </span>
              </nz-descriptions-item>
            }
          </nz-descriptions>
        }

        @if (showConformanceForm()) {
          <div class="fact-form" data-testid="conformance-form">
            <strong>{{ t('facts.recordConformance') }}</strong>
            <nz-select
              class="pass-select"
              [ngModel]="passed()"
              (ngModelChange)="passed.set($event)"
              [attr.aria-label]="t('facts.result')"
              data-testid="conformance-passed"
            >
              <nz-option [nzValue]="true" [nzLabel]="passText(true)" />
              <nz-option [nzValue]="false" [nzLabel]="passText(false)" />
            </nz-select>
            <span>{{ t('facts.items') }}</span>
            <nz-input-number
              [ngModel]="items()"
              (ngModelChange)="items.set($event)"
              [nzMin]="0"
              [nzStep]="1"
              [nzStatus]="tried() && countsBad() ? 'error' : ''"
              data-testid="conformance-items"
            />
            <span>{{ t('facts.failedItems') }}</span>
            <nz-input-number
              [ngModel]="failed()"
              (ngModelChange)="failed.set($event)"
              [nzMin]="0"
              [nzStep]="1"
              [nzStatus]="tried() && countsBad() ? 'error' : ''"
              data-testid="conformance-failed"
            />
            <input
              nz-input
              class="grow-input"
              [maxlength]="noteMax"
              [placeholder]="t('facts.note')"
              [ngModel]="note()"
              (ngModelChange)="note.set($event)"
              data-testid="conformance-note"
            />
            <button
              nz-button
              nzType="primary"
              type="button"
              [nzLoading]="busy() === 'conformance'"
              (click)="saveConformance()"
              data-testid="conformance-save"
            >
              {{ t('facts.save') }}
            </button>
            @if (tried() && countsBad()) {
              <div class="danger full">{{ t('facts.countsInvalid') }}</div>
            }
          </div>
        }

        @if (showDocumentReviewForm()) {
          <div class="fact-form" data-testid="document-review-form">
            <strong>{{ t('facts.consolidate') }}</strong>
            <textarea
              nz-input
              class="grow-input"
              rows="2"
              [maxlength]="opinionMax"
              [placeholder]="t('facts.opinion')"
              [ngModel]="opinion()"
              (ngModelChange)="opinion.set($event)"
              [nzStatus]="tried() && !opinion().trim() ? 'error' : ''"
              data-testid="document-review-opinion"
            ></textarea>
            <button
              nz-button
              nzType="primary"
              type="button"
              [nzLoading]="busy() === 'document_review'"
              (click)="consolidate()"
              data-testid="document-review-save"
            >
              {{ app().documentReviewDoneAt ? t('facts.reconsolidate') : t('facts.consolidate') }}
            </button>
            <div class="muted full">{{ t('facts.consolidateHint') }}</div>
            @if (tried() && !opinion().trim()) {
              <div class="danger full">{{ t('facts.opinionRequired') }}</div>
            }
          </div>
        }

        @if (showOnsiteForm()) {
          <div class="fact-form" data-testid="onsite-form">
            <strong>{{ t('facts.recordOnsite') }}</strong>
            <nz-select
              class="pass-select"
              [ngModel]="passed()"
              (ngModelChange)="passed.set($event)"
              [attr.aria-label]="t('facts.result')"
              data-testid="onsite-passed"
            >
              <nz-option [nzValue]="true" [nzLabel]="passText(true)" />
              <nz-option [nzValue]="false" [nzLabel]="passText(false)" />
            </nz-select>
            <span>{{ t('facts.findingsLabel') }}</span>
            <nz-input-number
              [ngModel]="findings()"
              (ngModelChange)="findings.set($event)"
              [nzMin]="0"
              [nzStep]="1"
              data-testid="onsite-findings"
            />
            <input
              nz-input
              class="grow-input"
              [maxlength]="noteMax"
              [placeholder]="t('facts.rectification')"
              [ngModel]="note()"
              (ngModelChange)="note.set($event)"
              data-testid="onsite-rectification"
            />
            <button
              nz-button
              nzType="primary"
              type="button"
              [nzLoading]="busy() === 'onsite'"
              (click)="saveOnsite()"
              data-testid="onsite-save"
            >
              {{ t('facts.save') }}
            </button>
            @if (app().state === 'onsite' && passed() === false) {
              <div class="muted full">{{ t('facts.onsiteFailedHint') }}</div>
            }
          </div>
        }

        @if (showSpotCheckForm()) {
          <div class="fact-form" data-testid="spot-check-form">
            <strong>{{ t('facts.recordSpotCheck') }}</strong>
            <nz-date-picker
              [ngModel]="spotDate()"
              (ngModelChange)="spotDate.set($event)"
              [nzDisabledDate]="future"
              [nzStatus]="tried() && !spotDate() ? 'error' : ''"
              data-testid="spot-check-date"
            />
            <nz-select
              class="pass-select"
              [ngModel]="passed()"
              (ngModelChange)="passed.set($event)"
              [attr.aria-label]="t('facts.result')"
              data-testid="spot-check-passed"
            >
              <nz-option [nzValue]="true" [nzLabel]="passText(true)" />
              <nz-option [nzValue]="false" [nzLabel]="passText(false)" />
            </nz-select>
            <input
              nz-input
              class="grow-input"
              [maxlength]="noteMax"
              [placeholder]="t('facts.note')"
              [ngModel]="note()"
              (ngModelChange)="note.set($event)"
              data-testid="spot-check-note"
            />
            <button
              nz-button
              nzType="primary"
              type="button"
              [nzLoading]="busy() === 'spot_check'"
              (click)="saveSpotCheck()"
              data-testid="spot-check-save"
            >
              {{ t('facts.save') }}
            </button>
            <div class="muted full">{{ t('facts.spotCheckHint') }}</div>
          </div>
        }
      </nz-card>
    }
  `,
  styles: `
    .fact-form {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
    }
    nz-descriptions + .fact-form {
      margin-top: 12px;
      padding-top: 12px;
      border-top: 1px dashed #e5e5e5;
    }
    .pass-select {
      width: 110px;
    }
    .grow-input {
      flex: 1 1 240px;
      min-width: 200px;
    }
    .full {
      flex-basis: 100%;
    }
    .muted {
      color: rgba(0, 0, 0, 0.45);
    }
    .danger {
      color: #cf1322;
    }
    .pre {
      white-space: pre-wrap;
    }
  `,
})
export class ReviewFacts {
  private readonly api = inject(AssessmentApiService);
  private readonly message = inject(NzMessageService);
  protected readonly i18n = inject(I18nService);
  protected readonly text = inject(AssessmentText);
  protected readonly t = this.i18n.t;

  readonly app = input.required<ApplicationView>();
  /** the caller records the coordinator's facts (coordinators, admins) */
  readonly coordinator = input(false);
  /** the caller is the national body (the spot check) */
  readonly national = input(false);
  /** the application as the api answered a recording */
  readonly changed = output<ApplicationView>();

  protected readonly noteMax = FACT_NOTE_MAX;
  protected readonly opinionMax = OPINION_MAX;
  protected readonly busy = signal<'conformance' | 'document_review' | 'onsite' | 'spot_check' | null>(null);
  protected readonly tried = signal(false);
  protected readonly passed = signal(true);
  protected readonly items = signal<number | null>(null);
  protected readonly failed = signal<number | null>(0);
  protected readonly findings = signal<number | null>(0);
  protected readonly note = signal('');
  protected readonly opinion = signal('');
  protected readonly spotDate = signal<Date | null>(null);

  protected readonly showConformanceForm = computed(
    () => this.coordinator() && this.app().state === 'conformance_testing',
  );
  protected readonly showDocumentReviewForm = computed(
    () => this.coordinator() && this.app().state === 'document_review',
  );
  protected readonly showOnsiteForm = computed(() => this.coordinator() && this.app().state === 'onsite');
  protected readonly showSpotCheckForm = computed(() => this.national() && this.app().state === 'published');
  protected readonly hasFacts = computed(() => {
    const a = this.app();
    return (
      !!a.conformance ||
      !!a.reviewOpinions.document_review ||
      !!a.reviewOpinions.onsite ||
      !!a.onsiteResult ||
      !!a.spotCheck
    );
  });
  protected readonly visible = computed(
    () =>
      this.hasFacts() ||
      this.showConformanceForm() ||
      this.showDocumentReviewForm() ||
      this.showOnsiteForm() ||
      this.showSpotCheckForm(),
  );
  protected readonly countsBad = computed(() => conformanceProblem(this.items(), this.failed()) !== null);

  protected readonly passText = (p: boolean) => (p ? this.t('facts.passed') : this.t('facts.failed'));
  protected readonly date = (v: string | null) => formatDateTime(v, this.i18n.lang());
  protected readonly future = (d: Date) => toDateString(d) > todayInChina();

  async saveConformance(): Promise<void> {
    this.tried.set(true);
    const items = this.items();
    const failedItems = this.failed();
    if (conformanceProblem(items, failedItems) || items === null || failedItems === null) return;
    const note = this.note().trim();
    await this.send('conformance', () =>
      this.api.recordConformance(this.app().id, {
        passed: this.passed(),
        items,
        failedItems,
        ...(note ? { note } : {}),
      }),
    );
  }

  async consolidate(): Promise<void> {
    this.tried.set(true);
    const opinion = this.opinion().trim();
    if (!opinion) return;
    // the document review's scores are the consensus scores entered so far (the review screens will send theirs)
    await this.send('document_review', () =>
      this.api.consolidateDocumentReview(this.app().id, { scores: { ...this.app().consensusScores }, opinion }),
    );
  }

  async saveOnsite(): Promise<void> {
    this.tried.set(true);
    const findings = this.findings() ?? 0;
    const rectification = this.note().trim();
    await this.send('onsite', () =>
      this.api.recordOnsiteResult(this.app().id, {
        passed: this.passed(),
        findings,
        rectification: rectification || null,
      }),
    );
  }

  async saveSpotCheck(): Promise<void> {
    this.tried.set(true);
    const day = this.spotDate();
    if (!day) return;
    const date = toDateString(day);
    await this.send('spot_check', () =>
      this.api.recordSpotCheck(this.app().id, { date, passed: this.passed(), note: this.note().trim() }),
    );
  }

  private async send(
    what: 'conformance' | 'document_review' | 'onsite' | 'spot_check',
    call: () => Promise<ApplicationView>,
  ): Promise<void> {
    this.busy.set(what);
    try {
      const next = await call();
      this.tried.set(false);
      this.note.set('');
      this.opinion.set('');
      this.changed.emit(next);
      this.message.success(this.t('facts.saved'));
    } catch (err) {
      this.message.error(errorMessage(err, this.t));
    } finally {
      this.busy.set(null);
    }
  }
}
