import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { CycleView } from '@hutong/assessment-model';
import { AuthService, I18nService, errorMessage, fieldErrors, type TextKey } from '@hutong/platform-web';
import { FilterBar, loadResource } from '@hutong/platform-web/ui';
import { FormDrawer } from '@hutong/platform-web/ui-forms';
import {
  REVIEW_SESSION_KINDS,
  REVIEW_SESSION_STATUSES,
  SESSION_KIND_LABELS,
  SESSION_MODES,
  SESSION_STATUS_LABELS,
  type ReviewSessionKind,
  type ReviewSessionStatus,
  type ReviewSessionSummary,
  type ReviewSessionView,
  type SessionMode,
} from '@hutong/review-model';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { ReviewOfficeApi } from './review-office-api';
import {
  SESSION_LIMITS,
  filterSessions,
  formatDay,
  fromDateString,
  progressShare,
  sessionBody,
  sessionFormProblems,
  type SessionField,
  type SessionFilter,
  type SessionFormValue,
  type SessionProblem,
  type SessionSort,
} from './review-office-logic';

/** Tag colours of the session statuses. */
export const SESSION_STATUS_COLORS: Record<ReviewSessionStatus, string> = {
  planning: 'blue',
  scoring: 'gold',
  closed: 'default',
};

/** A label of the review model's vocabulary in the language (English capitalised, as a tag or a cell shows it). */
export function labelOf<K extends string>(labels: Record<K, { zh: string; en: string }>, k: K, zh: boolean): string {
  const l = labels[k];
  if (!l) return k;
  return zh ? l.zh : l.en.charAt(0).toUpperCase() + l.en.slice(1);
}

/** The cycles, latest first (year, then batch). */
export function latestFirst(cycles: readonly CycleView[]): CycleView[] {
  return [...cycles].sort((a, b) => b.year - a.year || b.batch - a.batch);
}

const PROBLEM_KEYS: Record<Exclude<SessionProblem, 'tooLong' | 'range'>, TextKey> = {
  required: 'common.required',
  endBeforeDate: 'ro.form.endBeforeDate',
  dueBeforeDate: 'ro.form.dueBeforeDate',
  timeInvalid: 'ro.form.timeInvalid',
  breakMinutesRequired: 'ro.form.breakMinutesRequired',
};
const MAX_LENGTH: Partial<Record<SessionField, number>> = { title: 200, location: 300 };

/**
 * The "新建评审会" drawer; with `session` set, "编辑评审会" (the cycle and the kind stay). Validates inline (required
 * fields, dates in order, times, the numbers' limits) and keeps every typed value when the api refuses.
 */
@Component({
  selector: 'lib-session-form',
  imports: [
    ReactiveFormsModule,
    FormDrawer,
    NzFormModule,
    NzInputModule,
    NzInputNumberModule,
    NzSelectModule,
    NzDatePickerModule,
    NzRadioModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <lib-form-drawer
      [open]="open()"
      [width]="640"
      [title]="session() ? t('ro.form.editTitle') : t('ro.form.newTitle')"
      [form]="form"
      [busy]="busy()"
      [error]="serverError()"
      errorTestId="session-error"
      saveTestId="session-save"
      (save)="submit()"
      (closed)="closed.emit()"
    >
      <div nz-form nzLayout="vertical" data-testid="session-form">
        <div class="row2">
          <nz-form-item>
            <nz-form-label nzRequired>{{ t('ro.cycle') }}</nz-form-label>
            <nz-form-control [nzValidateStatus]="err('cycleId') ? 'error' : ''" [nzErrorTip]="err('cycleId')">
              <nz-select
                [formControl]="form.controls.cycleId"
                nzShowSearch
                [nzPlaceHolder]="t('ro.chooseCycle')"
                data-testid="session-cycle"
              >
                @for (c of cycles(); track c.id) {
                  <nz-option [nzValue]="c.id" [nzLabel]="c.name" />
                }
              </nz-select>
            </nz-form-control>
          </nz-form-item>
          <nz-form-item>
            <nz-form-label nzRequired>{{ t('ro.kind') }}</nz-form-label>
            <nz-form-control [nzValidateStatus]="err('kind') ? 'error' : ''" [nzErrorTip]="err('kind')">
              <nz-radio-group [formControl]="form.controls.kind" nzButtonStyle="solid" data-testid="session-kind">
                @for (k of kinds; track k) {
                  <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -->
                  <label nz-radio-button [nzValue]="k" [attr.data-kind]="k">{{ kindLabel(k) }}</label>
                }
              </nz-radio-group>
            </nz-form-control>
          </nz-form-item>
        </div>
        <nz-form-item>
          <nz-form-label nzRequired nzFor="session-title">{{ t('ro.sessionTitle') }}</nz-form-label>
          <nz-form-control [nzValidateStatus]="err('title') ? 'error' : ''" [nzErrorTip]="err('title')">
            <input
              nz-input
              id="session-title"
              [formControl]="form.controls.title"
              [placeholder]="t('ro.form.titlePlaceholder')"
              data-testid="session-title"
            />
          </nz-form-control>
        </nz-form-item>
        <div class="row3">
          <nz-form-item>
            <nz-form-label nzRequired>{{ onsite() ? t('ro.form.firstDay') : t('ro.date') }}</nz-form-label>
            <nz-form-control [nzValidateStatus]="err('date') ? 'error' : ''" [nzErrorTip]="err('date')">
              <nz-date-picker [formControl]="form.controls.date" class="full" data-testid="session-date" />
            </nz-form-control>
          </nz-form-item>
          @if (onsite()) {
            <nz-form-item>
              <nz-form-label>{{ t('ro.endDate') }}</nz-form-label>
              <nz-form-control [nzValidateStatus]="err('endDate') ? 'error' : ''" [nzErrorTip]="err('endDate')">
                <nz-date-picker [formControl]="form.controls.endDate" class="full" data-testid="session-end" />
              </nz-form-control>
            </nz-form-item>
          }
          <nz-form-item>
            <nz-form-label nzRequired nzFor="session-start">{{ t('ro.start') }}</nz-form-label>
            <nz-form-control [nzValidateStatus]="err('start') ? 'error' : ''" [nzErrorTip]="err('start')">
              <input
                nz-input
                id="session-start"
                [formControl]="form.controls.start"
                placeholder="09:00"
                data-testid="session-start"
              />
            </nz-form-control>
          </nz-form-item>
        </div>
        <div class="row2">
          <nz-form-item>
            <nz-form-label>{{ t('ro.mode') }}</nz-form-label>
            <nz-form-control>
              <nz-radio-group [formControl]="form.controls.mode" data-testid="session-mode">
                @for (m of modes; track m) {
                  <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -->
                  <label nz-radio [nzValue]="m">{{ modeLabel(m) }}</label>
                }
              </nz-radio-group>
            </nz-form-control>
          </nz-form-item>
          <nz-form-item>
            <nz-form-label nzFor="session-location">{{
              form.controls.mode.value === 'online' ? t('ro.form.link') : t('ro.form.venue')
            }}</nz-form-label>
            <nz-form-control [nzValidateStatus]="err('location') ? 'error' : ''" [nzErrorTip]="err('location')">
              <input
                nz-input
                id="session-location"
                [formControl]="form.controls.location"
                data-testid="session-location"
              />
            </nz-form-control>
          </nz-form-item>
        </div>
        <div class="row4">
          <nz-form-item>
            <nz-form-label nzRequired>{{ t('ro.form.slotPresent') }}</nz-form-label>
            <nz-form-control [nzValidateStatus]="err('slotPresent') ? 'error' : ''" [nzErrorTip]="err('slotPresent')">
              <nz-input-number
                [formControl]="form.controls.slotPresent"
                [nzMin]="limits.slotPresent.min"
                [nzMax]="limits.slotPresent.max"
                [nzPrecision]="0"
                data-testid="session-slot-present"
              />
            </nz-form-control>
          </nz-form-item>
          <nz-form-item>
            <nz-form-label nzRequired>{{ t('ro.form.slotQuestions') }}</nz-form-label>
            <nz-form-control
              [nzValidateStatus]="err('slotQuestions') ? 'error' : ''"
              [nzErrorTip]="err('slotQuestions')"
            >
              <nz-input-number
                [formControl]="form.controls.slotQuestions"
                [nzMin]="limits.slotQuestions.min"
                [nzMax]="limits.slotQuestions.max"
                [nzPrecision]="0"
                data-testid="session-slot-questions"
              />
            </nz-form-control>
          </nz-form-item>
          <nz-form-item>
            <nz-form-label>{{ t('ro.form.breakAfter') }}</nz-form-label>
            <nz-form-control [nzValidateStatus]="err('breakAfter') ? 'error' : ''" [nzErrorTip]="err('breakAfter')">
              <nz-input-number
                [formControl]="form.controls.breakAfter"
                [nzMin]="limits.breakAfter.min"
                [nzMax]="limits.breakAfter.max"
                [nzPrecision]="0"
                [nzPlaceHolder]="t('ro.form.noBreak')"
                data-testid="session-break-after"
              />
            </nz-form-control>
          </nz-form-item>
          <nz-form-item>
            <nz-form-label>{{ t('ro.form.breakMinutes') }}</nz-form-label>
            <nz-form-control [nzValidateStatus]="err('breakMinutes') ? 'error' : ''" [nzErrorTip]="err('breakMinutes')">
              <nz-input-number
                [formControl]="form.controls.breakMinutes"
                [nzMin]="limits.breakMinutes.min"
                [nzMax]="limits.breakMinutes.max"
                [nzPrecision]="0"
                data-testid="session-break-minutes"
              />
            </nz-form-control>
          </nz-form-item>
        </div>
        <div class="row3">
          <nz-form-item>
            <nz-form-label nzRequired>{{ t('ro.form.minPerApplication') }}</nz-form-label>
            <nz-form-control
              [nzValidateStatus]="err('minPerApplication') ? 'error' : ''"
              [nzErrorTip]="err('minPerApplication')"
            >
              <nz-input-number
                [formControl]="form.controls.minPerApplication"
                [nzMin]="limits.minPerApplication.min"
                [nzMax]="limits.minPerApplication.max"
                [nzPrecision]="0"
                data-testid="session-min"
              />
            </nz-form-control>
          </nz-form-item>
          <nz-form-item>
            <nz-form-label>{{ t('ro.form.maxPerExpert') }}</nz-form-label>
            <nz-form-control [nzValidateStatus]="err('maxPerExpert') ? 'error' : ''" [nzErrorTip]="err('maxPerExpert')">
              <nz-input-number
                [formControl]="form.controls.maxPerExpert"
                [nzMin]="limits.maxPerExpert.min"
                [nzMax]="limits.maxPerExpert.max"
                [nzPrecision]="0"
                [nzPlaceHolder]="t('ro.form.noLimit')"
                data-testid="session-max"
              />
            </nz-form-control>
          </nz-form-item>
          <nz-form-item>
            <nz-form-label nzRequired>{{ t('ro.scoringDue') }}</nz-form-label>
            <nz-form-control [nzValidateStatus]="err('scoringDue') ? 'error' : ''" [nzErrorTip]="err('scoringDue')">
              <nz-date-picker [formControl]="form.controls.scoringDue" class="full" data-testid="session-due" />
            </nz-form-control>
          </nz-form-item>
        </div>
        <div class="muted">{{ t('ro.form.hint') }}</div>
      </div>
    </lib-form-drawer>
  `,
  styles: `
    .row2,
    .row3,
    .row4 {
      display: grid;
      gap: 12px;
    }
    .row2 {
      grid-template-columns: repeat(2, minmax(0, 1fr));
    }
    .row3 {
      grid-template-columns: repeat(3, minmax(0, 1fr));
    }
    .row4 {
      grid-template-columns: repeat(4, minmax(0, 1fr));
    }
    .full,
    nz-input-number {
      width: 100%;
    }
  `,
})
export class SessionForm {
  private readonly api = inject(ReviewOfficeApi);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  readonly open = input(false);
  readonly cycles = input<CycleView[]>([]);
  /** the cycle a new session starts in (the page's) */
  readonly cycleId = input<string | null>(null);
  /** the session to edit (null: a new one) */
  readonly session = input<ReviewSessionView | null>(null);
  readonly saved = output<ReviewSessionView>();
  readonly closed = output<void>();

  protected readonly kinds = REVIEW_SESSION_KINDS;
  protected readonly modes = SESSION_MODES;
  protected readonly limits = SESSION_LIMITS;
  protected readonly busy = signal(false);
  protected readonly serverError = signal<string | null>(null);
  private readonly serverFields = signal<Record<string, string>>({});
  private readonly tried = signal(false);

  protected readonly form = inject(NonNullableFormBuilder).group({
    cycleId: [''],
    kind: ['document_review' as ReviewSessionKind],
    title: [''],
    date: [null as Date | null],
    endDate: [null as Date | null],
    start: ['09:00'],
    mode: ['venue' as SessionMode],
    location: [''],
    slotPresent: [15 as number | null],
    slotQuestions: [10 as number | null],
    breakAfter: [null as number | null],
    breakMinutes: [null as number | null],
    minPerApplication: [3 as number | null],
    maxPerExpert: [null as number | null],
    scoringDue: [null as Date | null],
  });
  private readonly value = signal<SessionFormValue>(this.form.getRawValue());
  private readonly problems = computed(() => sessionFormProblems(this.value()));
  protected readonly onsite = computed(() => this.value().kind === 'onsite');

  protected readonly kindLabel = (k: ReviewSessionKind) => labelOf(SESSION_KIND_LABELS, k, this.i18n.isZh());
  protected readonly modeLabel = (m: SessionMode) => this.t(`ro.mode.${m}`);

  constructor() {
    const sub = this.form.valueChanges.subscribe(() => {
      this.value.set(this.form.getRawValue());
      if (Object.keys(this.serverFields()).length) this.serverFields.set({});
    });
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
    effect(() => {
      if (!this.open()) return;
      untracked(() => this.reset());
    });
  }

  /** The message under a field: its problem once the field was touched or a save was tried, else the api's. */
  protected err(field: SessionField): string {
    const c = this.form.controls[field];
    const p = this.tried() || c.dirty ? this.problems()[field] : undefined;
    if (p === 'tooLong') return this.t('ro.form.tooLong', { max: MAX_LENGTH[field] ?? 0 });
    if (p === 'range') {
      const l = SESSION_LIMITS[field as keyof typeof SESSION_LIMITS];
      return this.t('ro.form.range', { min: l?.min ?? 0, max: l?.max ?? 0 });
    }
    if (p) return this.t(PROBLEM_KEYS[p]);
    return this.serverFields()[field] ?? '';
  }

  private reset(): void {
    this.serverError.set(null);
    this.serverFields.set({});
    this.tried.set(false);
    const s = this.session();
    if (s) {
      this.form.reset({
        cycleId: s.cycleId,
        kind: s.kind,
        title: s.title,
        date: fromDateString(s.date),
        endDate: s.kind === 'onsite' && s.endDate ? fromDateString(s.endDate) : null,
        start: s.start,
        mode: s.mode,
        location: s.location,
        slotPresent: s.slotPresent,
        slotQuestions: s.slotQuestions,
        breakAfter: s.breakAfter,
        breakMinutes: s.breakMinutes,
        minPerApplication: s.minPerApplication,
        maxPerExpert: s.maxPerExpert,
        scoringDue: fromDateString(s.scoringDue),
      });
      this.form.controls.cycleId.disable();
      this.form.controls.kind.disable();
    } else {
      this.form.reset({ cycleId: this.cycleId() ?? '' });
      this.form.controls.cycleId.enable();
      this.form.controls.kind.enable();
    }
    this.value.set(this.form.getRawValue());
  }

  async submit(): Promise<void> {
    this.tried.set(true);
    const v = this.form.getRawValue();
    this.value.set(v);
    if (Object.keys(sessionFormProblems(v)).length) return;
    const body = sessionBody(v);
    this.busy.set(true);
    this.serverError.set(null);
    const editing = this.session();
    try {
      const view = editing
        ? await this.api.updateSession(editing.id, body)
        : await this.api.createSession({ ...body, cycleId: v.cycleId, kind: v.kind });
      this.saved.emit(view);
    } catch (err) {
      // the typed values stay: the refusal on top and, when the api names fields, under them
      this.serverError.set(errorMessage(err, this.t));
      this.serverFields.set(fieldErrors(err, this.t));
    } finally {
      this.busy.set(false);
    }
  }
}

/** 评审会: the sessions (专家文审, 现场查验) of a cycle, with their panels and progress; the office plans new ones. */
@Component({
  selector: 'lib-sessions-page',
  imports: [
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzCardModule,
    NzEmptyModule,
    NzIconModule,
    NzProgressModule,
    NzSelectModule,
    NzTableModule,
    NzTagModule,
    FilterBar,
    SessionForm,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nz-card [nzTitle]="t('ro.sessions')" [nzExtra]="extra" nzSize="small">
      <lib-filter-bar
        [placeholder]="t('ro.searchSessions')"
        searchTestId="sessions-search"
        (searched)="patch({ q: $event })"
        (cleared)="patch({ q: '', kind: null, status: null })"
      >
        <nz-select
          class="wide"
          nzShowSearch
          nzAllowClear
          [nzPlaceHolder]="t('ro.allCycles')"
          [ngModel]="cycleId()"
          (ngModelChange)="cycleId.set($event ?? null)"
          data-testid="sessions-cycle"
        >
          @for (c of cycles(); track c.id) {
            <nz-option [nzValue]="c.id" [nzLabel]="c.name" />
          }
        </nz-select>
        <nz-select
          class="filter"
          nzAllowClear
          [nzPlaceHolder]="t('ro.allKinds')"
          [ngModel]="filter().kind"
          (ngModelChange)="patch({ kind: $event ?? null })"
          data-testid="sessions-kind"
        >
          @for (k of kinds; track k) {
            <nz-option [nzValue]="k" [nzLabel]="kindLabel(k)" />
          }
        </nz-select>
        <nz-select
          class="filter"
          nzAllowClear
          [nzPlaceHolder]="t('ro.allStatuses')"
          [ngModel]="filter().status"
          (ngModelChange)="patch({ status: $event ?? null })"
          data-testid="sessions-status"
        >
          @for (s of statuses; track s) {
            <nz-option [nzValue]="s" [nzLabel]="statusLabel(s)" />
          }
        </nz-select>
      </lib-filter-bar>
      @if (loadError(); as message) {
        <div class="load-error" data-testid="sessions-error">{{ message }}</div>
      }
      <nz-table
        #table
        nzSize="middle"
        data-testid="sessions-table"
        [nzData]="rows()"
        [nzLoading]="loading()"
        [nzPageSize]="20"
        [nzHideOnSinglePage]="true"
        [nzNoResult]="emptyTpl"
        [nzScroll]="{ x: '1000px' }"
      >
        <thead>
          <tr>
            <th [nzSortFn]="true" [nzSortOrder]="sortOrder('title')" (nzSortOrderChange)="sortBy('title', $event)">
              {{ t('ro.sessionTitle') }}
            </th>
            <th nzWidth="110px">{{ t('ro.kind') }}</th>
            <th
              nzWidth="150px"
              [nzSortFn]="true"
              [nzSortOrder]="sortOrder('date')"
              (nzSortOrderChange)="sortBy('date', $event)"
            >
              {{ t('ro.date') }}
            </th>
            <th
              nzWidth="100px"
              [nzSortFn]="true"
              [nzSortOrder]="sortOrder('status')"
              (nzSortOrderChange)="sortBy('status', $event)"
            >
              {{ t('ro.status') }}
            </th>
            <th nzWidth="80px" nzAlign="right">{{ t('ro.cases') }}</th>
            <th nzWidth="80px" nzAlign="right">{{ t('ro.panel') }}</th>
            <th
              nzWidth="170px"
              [nzSortFn]="true"
              [nzSortOrder]="sortOrder('progress')"
              (nzSortOrderChange)="sortBy('progress', $event)"
            >
              {{ t('ro.progress') }}
            </th>
            <th nzWidth="100px" nzAlign="right">{{ t('ro.consolidated') }}</th>
          </tr>
        </thead>
        <tbody>
          @for (s of table.data; track s.id) {
            <tr
              data-testid="sessions-row"
              [attr.data-title]="s.title"
              [attr.data-status]="s.status"
              class="clickable"
              (click)="open(s)"
            >
              <td>
                <a [routerLink]="['/review/sessions', s.id]" (click)="$event.stopPropagation()">{{ s.title }}</a>
                @if (!cycleId()) {
                  <div class="muted small">{{ s.cycleName }}</div>
                }
              </td>
              <td>
                <nz-tag [nzColor]="s.kind === 'onsite' ? 'purple' : 'cyan'">{{ kindLabel(s.kind) }}</nz-tag>
              </td>
              <td class="nowrap">{{ day(s.date) }}</td>
              <td>
                <nz-tag [nzColor]="statusColor(s.status)" data-testid="sessions-status-tag">{{
                  statusLabel(s.status)
                }}</nz-tag>
              </td>
              <td nzAlign="right">{{ s.cases }}</td>
              <td nzAlign="right">{{ s.panel }}</td>
              <td>
                <div class="progress">
                  <span class="nowrap" data-testid="sessions-progress"
                    >{{ s.progress.submitted }} / {{ s.progress.assigned }}</span
                  >
                  <nz-progress [nzPercent]="percentOf(s)" nzSize="small" [nzShowInfo]="false" />
                </div>
              </td>
              <td nzAlign="right">{{ s.progress.consolidated }} / {{ s.cases }}</td>
            </tr>
          }
        </tbody>
      </nz-table>
    </nz-card>

    <ng-template #extra>
      @if (canEdit()) {
        <button nz-button nzType="primary" type="button" (click)="create()" data-testid="session-new">
          <nz-icon nzType="plus" />{{ t('ro.newSession') }}
        </button>
      }
    </ng-template>
    <ng-template #emptyTpl>
      <nz-empty
        [nzNotFoundContent]="filtered() ? t('ro.sessionsEmptyFiltered') : t('ro.sessionsEmpty')"
        data-testid="sessions-empty"
      />
    </ng-template>

    @if (canEdit()) {
      <lib-session-form
        [open]="formOpen()"
        [cycles]="cycles()"
        [cycleId]="cycleId() ?? null"
        (saved)="onSaved($event)"
        (closed)="formOpen.set(false)"
      />
    }
  `,
  styles: `
    .progress {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    .progress nz-progress {
      flex: 1 1 auto;
      min-width: 60px;
    }
    .small {
      font-size: 12px;
    }
  `,
})
export class SessionsPage {
  private readonly api = inject(ReviewOfficeApi);
  private readonly router = inject(Router);
  private readonly message = inject(NzMessageService);
  private readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  protected readonly kinds = REVIEW_SESSION_KINDS;
  protected readonly statuses = REVIEW_SESSION_STATUSES;
  protected readonly canEdit = computed(() => ['coordinator', 'admin'].includes(this.auth.role() ?? ''));

  private readonly cyclesLoad = loadResource({ loader: async () => latestFirst(await this.api.cycles()) });
  protected readonly cycles = computed(() => this.cyclesLoad.value() ?? []);
  private readonly wanted = inject(ActivatedRoute).snapshot.queryParamMap.get('cycleId');
  /** the chosen cycle: the URL's, else the latest open one; undefined while the cycles load; null: every cycle */
  protected readonly cycleId = linkedSignal<CycleView[] | undefined, string | null | undefined>({
    source: this.cyclesLoad.value,
    computation: (cycles) => {
      if (!cycles) return this.cyclesLoad.error() ? null : undefined;
      if (this.wanted && cycles.some((c) => c.id === this.wanted)) return this.wanted;
      return (cycles.find((c) => c.status === 'open') ?? cycles[0])?.id ?? null;
    },
  });
  private readonly sessionsLoad = loadResource({
    params: () => {
      const id = this.cycleId();
      return id === undefined ? undefined : { cycleId: id };
    },
    loader: ({ cycleId }) => this.api.sessions(cycleId),
  });

  protected readonly filter = signal<SessionFilter>({ kind: null, status: null, q: '' });
  private readonly sort = signal<SessionSort | null>(null);
  private readonly dir = signal<'asc' | 'desc' | null>(null);
  protected readonly rows = computed(() =>
    filterSessions(this.sessionsLoad.value() ?? [], this.filter(), this.sort(), this.dir()),
  );
  protected readonly loading = computed(() => this.cyclesLoad.loading() || this.sessionsLoad.loading());
  protected readonly loadError = computed(() => this.cyclesLoad.errorMessage() ?? this.sessionsLoad.errorMessage());
  protected readonly filtered = computed(() => {
    const f = this.filter();
    return !!(f.kind || f.status || f.q);
  });
  protected readonly formOpen = signal(false);

  protected readonly kindLabel = (k: ReviewSessionKind) => labelOf(SESSION_KIND_LABELS, k, this.i18n.isZh());
  protected readonly statusLabel = (s: ReviewSessionStatus) => labelOf(SESSION_STATUS_LABELS, s, this.i18n.isZh());
  protected readonly statusColor = (s: ReviewSessionStatus) => SESSION_STATUS_COLORS[s];
  protected readonly day = (d: string) => formatDay(d, this.i18n.lang());
  protected readonly percentOf = (s: ReviewSessionSummary) => Math.round(progressShare(s.progress) * 100);

  protected patch(p: Partial<SessionFilter>): void {
    this.filter.update((f) => ({ ...f, ...p }));
  }

  protected sortOrder(column: SessionSort): 'ascend' | 'descend' | null {
    if (this.sort() !== column) return null;
    return this.dir() === 'desc' ? 'descend' : 'ascend';
  }

  protected sortBy(column: SessionSort, order: string | null): void {
    if (order === null) {
      if (this.sort() !== column) return;
      this.sort.set(null);
      this.dir.set(null);
    } else {
      this.sort.set(column);
      this.dir.set(order === 'descend' ? 'desc' : 'asc');
    }
  }

  protected open(s: ReviewSessionSummary): void {
    void this.router.navigate(['/review/sessions', s.id]);
  }

  protected create(): void {
    this.formOpen.set(true);
  }

  protected onSaved(s: ReviewSessionView): void {
    this.formOpen.set(false);
    this.message.success(this.t('ro.sessionCreated', { title: s.title }));
    void this.router.navigate(['/review/sessions', s.id]);
  }
}
