import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { I18nService, errorMessage } from '@hutong/platform-web';
import { loadResource } from '@hutong/platform-web/ui';
import {
  EXPERT_POOL_LABELS,
  SPECIALTY_LABELS,
  type ExpertPool,
  type ExpertView,
  type Specialty,
} from '@hutong/review-model';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { ReviewExpertApi } from './review-expert-api';
import { fromDateString, profileChanges, rangeProblems, toDateString, type RangeDraft } from './review-expert-logic';
import { labelOf } from './sessions.page';

type RangeRow = RangeDraft & { dates: Date[] };

/**
 * 我的专家档案: an expert reads its profile (kept by the office) and keeps what only it knows — the vendors it is
 * tied to and the dates it cannot sit — which the conflict and availability rules then use. What was typed stays
 * when a save fails; "discard" goes back to what is saved.
 */
@Component({
  selector: 'lib-review-profile-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzDatePickerModule,
    NzDescriptionsModule,
    NzFormModule,
    NzIconModule,
    NzSelectModule,
    NzTagModule,
  ],
  template: `
    @if (load.errorMessage(); as message) {
      <nz-alert nzType="error" nzShowIcon [nzMessage]="message" data-testid="profile-error" />
    } @else if (!profile()) {
      <div class="muted">{{ t('rx.loading') }}</div>
    }
    @if (profile(); as p) {
      <nz-card [nzTitle]="t('rx.profile.basic')" nzSize="small" class="block" data-testid="profile-basic">
        <nz-descriptions nzSize="small" [nzColumn]="{ xxl: 3, xl: 3, lg: 2, md: 2, sm: 1, xs: 1 }">
          <nz-descriptions-item [nzTitle]="t('rx.profile.name')">
            <span data-testid="profile-name">{{ p.name }}</span>
          </nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="t('rx.profile.title')">{{ p.title || '—' }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="t('rx.profile.affiliation')">{{ p.affiliation.name }}</nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="t('rx.profile.pools')">
            @for (x of p.pools; track x) {
              <nz-tag>{{ poolLabel(x) }}</nz-tag>
            }
          </nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="t('rx.profile.specialties')">
            @for (x of p.specialties; track x) {
              <nz-tag nzColor="blue">{{ specialtyLabel(x) }}</nz-tag>
            }
          </nz-descriptions-item>
          <nz-descriptions-item [nzTitle]="t('rx.profile.status')">
            <nz-tag [nzColor]="p.active ? 'green' : 'default'">{{
              p.active ? t('rx.profile.active') : t('rx.profile.inactive')
            }}</nz-tag>
          </nz-descriptions-item>
        </nz-descriptions>
        <div class="muted">{{ t('rx.profile.basicHint') }}</div>
      </nz-card>

      <nz-card [nzTitle]="t('rx.profile.ties')" nzSize="small" data-testid="profile-ties">
        <p class="muted">{{ t('rx.profile.tiesHint') }}</p>
        <div nz-form nzLayout="vertical">
          <nz-form-item>
            <nz-form-label>{{ t('rx.profile.vendors') }}</nz-form-label>
            <nz-form-control>
              <nz-select
                nzMode="tags"
                [ngModel]="vendors()"
                (ngModelChange)="vendors.set($event)"
                [nzPlaceHolder]="t('rx.profile.vendorsPlaceholder')"
                [nzTokenSeparators]="[',', '，', '、']"
                data-testid="profile-vendors"
              />
            </nz-form-control>
          </nz-form-item>
          <nz-form-item>
            <nz-form-label>{{ t('rx.profile.consulted') }}</nz-form-label>
            <nz-form-control>
              <span>{{ t('rx.profile.consultedValue', { n: p.consultedOrgIds.length }) }}</span>
            </nz-form-control>
          </nz-form-item>
          <nz-form-item>
            <nz-form-label>{{ t('rx.profile.unavailable') }}</nz-form-label>
            <nz-form-control>
              @for (r of ranges(); track $index; let i = $index) {
                <div class="range" data-testid="profile-range">
                  <nz-range-picker
                    [ngModel]="r.dates"
                    (ngModelChange)="setRange(i, $event)"
                    [nzStatus]="problemOf(i) ? 'error' : ''"
                  />
                  <button
                    nz-button
                    nzType="link"
                    nzDanger
                    type="button"
                    (click)="removeRange(i)"
                    data-testid="profile-remove-range"
                  >
                    {{ t('rx.profile.removeRange') }}
                  </button>
                </div>
                @if (problemOf(i)) {
                  <div class="error" data-testid="profile-range-error">{{ t(problemText(i)) }}</div>
                }
              } @empty {
                <div class="muted" data-testid="profile-no-ranges">{{ t('rx.profile.noUnavailable') }}</div>
              }
              <button nz-button nzType="dashed" type="button" (click)="addRange()" data-testid="profile-add-range">
                <nz-icon nzType="plus" />{{ t('rx.profile.addRange') }}
              </button>
            </nz-form-control>
          </nz-form-item>
        </div>
        <div class="bar">
          <button
            nz-button
            nzType="primary"
            type="button"
            [nzLoading]="saving()"
            [disabled]="!dirty()"
            (click)="save()"
            data-testid="profile-save"
          >
            {{ t('rx.profile.save') }}
          </button>
          <button nz-button type="button" [disabled]="!dirty()" (click)="reset(p)" data-testid="profile-reset">
            {{ t('rx.profile.reset') }}
          </button>
        </div>
      </nz-card>
    }
  `,
  styles: `
    .block {
      display: block;
      margin-bottom: 16px;
    }
    .muted {
      color: rgba(0, 0, 0, 0.45);
    }
    .range {
      display: flex;
      align-items: center;
      gap: 8px;
      margin-bottom: 8px;
    }
    .error {
      margin: -4px 0 8px;
      color: #ff4d4f;
    }
    .bar {
      display: flex;
      gap: 8px;
    }
  `,
})
export class ProfilePage {
  private readonly api = inject(ReviewExpertApi);
  private readonly message = inject(NzMessageService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  protected readonly load = loadResource({ loader: () => this.api.profile() });
  private readonly saved = signal<ExpertView | null>(null);
  protected readonly profile = computed(() => this.saved() ?? this.load.value() ?? null);
  protected readonly vendors = signal<string[]>([]);
  /** the ranges as typed, each with the picker's own value (kept by reference: a new array would re-emit) */
  protected readonly ranges = signal<RangeRow[]>([]);
  protected readonly saving = signal(false);
  private readonly tried = signal(false);

  private readonly problems = computed(() => rangeProblems(this.ranges()));
  /** What save would send; null when nothing changed. */
  protected readonly changes = computed(() => {
    const p = this.profile();
    return p ? profileChanges(p, this.vendors(), this.ranges()) : null;
  });

  /** Something to save or to fix (an unfinished range counts: saving then says what is missing). */
  protected readonly dirty = computed(() => this.changes() !== null || Object.keys(this.problems()).length > 0);

  protected readonly poolLabel = (x: ExpertPool) => labelOf(EXPERT_POOL_LABELS, x, this.i18n.isZh());
  protected readonly specialtyLabel = (x: Specialty) => labelOf(SPECIALTY_LABELS, x, this.i18n.isZh());

  constructor() {
    // the loaded profile fills the form once; later reloads never overwrite what is being typed
    effect(() => {
      const p = this.load.value();
      if (p && !this.saved()) untracked(() => this.reset(p));
    });
  }

  protected reset(p: ExpertView): void {
    this.vendors.set([...p.vendorTies]);
    this.ranges.set(
      p.unavailable.map((r) => ({ from: r.from, to: r.to, dates: [fromDateString(r.from), fromDateString(r.to)] })),
    );
    this.tried.set(false);
  }

  protected setRange(i: number, value: Date[] | null): void {
    const dates = value ?? [];
    const [from, to] = dates;
    this.ranges.update((rs) =>
      rs.map((r, k) =>
        k === i ? { from: from ? toDateString(from) : null, to: to ? toDateString(to) : null, dates } : r,
      ),
    );
  }

  protected addRange(): void {
    this.ranges.update((rs) => [...rs, { from: null, to: null, dates: [] }]);
  }

  protected removeRange(i: number): void {
    this.ranges.update((rs) => rs.filter((_, k) => k !== i));
  }

  protected problemOf(i: number): boolean {
    return this.tried() && this.problems()[i] !== undefined;
  }

  protected problemText(i: number): 'rx.profile.rangeIncomplete' | 'rx.profile.rangeOrder' {
    return this.problems()[i] === 'order' ? 'rx.profile.rangeOrder' : 'rx.profile.rangeIncomplete';
  }

  async save(): Promise<void> {
    this.tried.set(true);
    if (Object.keys(this.problems()).length) return;
    const body = this.changes();
    if (!body) {
      this.message.info(this.t('rx.profile.unchanged'));
      return;
    }
    this.saving.set(true);
    try {
      const next = await this.api.updateProfile(body);
      this.saved.set(next);
      this.reset(next);
      this.message.success(this.t('rx.profile.saved'));
    } catch (err) {
      // what was typed stays; the refusal says why
      this.message.error(errorMessage(err, this.t));
    } finally {
      this.saving.set(false);
    }
  }
}
