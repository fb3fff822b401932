import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { AnswerChange, ApplicationVersionView } from '@hutong/assessment-model';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { errorMessage } from '@hutong/platform-web';
import { AssessmentApiService } from './assessment-api.service';
import { formatDateTime } from '@hutong/platform-web';
import { I18nService } from '@hutong/platform-web';

/** The 版本 tab: the submitted versions and the changes between two of them. */
@Component({
  selector: 'lib-versions-panel',
  imports: [FormsModule, NzTableModule, NzSelectModule, NzButtonModule, NzEmptyModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (error(); as message) {
      <div class="load-error">{{ message }}</div>
    }
    <nz-table
      #vt
      nzSize="small"
      [nzData]="versions()"
      [nzLoading]="loading()"
      [nzFrontPagination]="false"
      [nzShowPagination]="false"
      [nzNoResult]="noVersions"
      data-testid="versions-table"
    >
      <thead>
        <tr>
          <th nzWidth="90px">{{ t('asm.version') }}</th>
          <th>{{ t('app.submittedAt') }}</th>
          <th>{{ t('app.submittedBy') }}</th>
          <th nzAlign="right">{{ t('app.answersCount') }}</th>
          <th nzAlign="right">{{ t('app.evidenceCount') }}</th>
        </tr>
      </thead>
      <tbody>
        @for (v of vt.data; track v.version) {
          <tr data-testid="version-row">
            <td>v{{ v.version }}</td>
            <td>{{ date(v.submittedAt) }}</td>
            <td>{{ v.submittedBy }}</td>
            <td nzAlign="right">{{ v.answers.length }}</td>
            <td nzAlign="right">{{ v.evidence.length }}</td>
          </tr>
        }
      </tbody>
    </nz-table>

    @if (versions().length >= 2) {
      <div class="compare">
        <span>{{ t('app.diffFrom') }}</span>
        <nz-select class="v" [ngModel]="from()" (ngModelChange)="from.set($event)" data-testid="diff-from">
          @for (v of versions(); track v.version) {
            <nz-option [nzValue]="v.version" [nzLabel]="'v' + v.version" />
          }
        </nz-select>
        <span>{{ t('app.diffTo') }}</span>
        <nz-select class="v" [ngModel]="to()" (ngModelChange)="to.set($event)" data-testid="diff-to">
          @for (v of versions(); track v.version) {
            <nz-option [nzValue]="v.version" [nzLabel]="'v' + v.version" />
          }
        </nz-select>
        <button
          nz-button
          nzType="primary"
          type="button"
          [nzLoading]="diffLoading()"
          [disabled]="from() === to()"
          (click)="compare()"
          data-testid="diff-compare"
        >
          {{ t('app.compare') }}
        </button>
      </div>
      @if (changes(); as list) {
        <nz-table
          #dt
          nzSize="small"
          [nzData]="list"
          [nzFrontPagination]="false"
          [nzShowPagination]="false"
          [nzNoResult]="noChanges"
          data-testid="diff-table"
        >
          <thead>
            <tr>
              <th nzWidth="100px">{{ t('app.code') }}</th>
              <th nzWidth="110px">{{ t('app.field') }}</th>
              <th>{{ t('app.before') }}</th>
              <th>{{ t('app.after') }}</th>
            </tr>
          </thead>
          <tbody>
            @for (c of dt.data; track $index) {
              <tr data-testid="diff-row" [attr.data-code]="c.itemCode">
                <td class="mono">{{ c.itemCode }}</td>
                <td>{{ fieldLabel(c.field) }}</td>
                <td class="before">{{ c.before ?? '—' }}</td>
                <td class="after">{{ c.after ?? '—' }}</td>
              </tr>
            }
          </tbody>
        </nz-table>
      }
    }
    <ng-template #noVersions><nz-empty [nzNotFoundContent]="t('app.versionsEmpty')" /></ng-template>
    <ng-template #noChanges><nz-empty [nzNotFoundContent]="t('app.diffEmpty')" data-testid="diff-empty" /></ng-template>
  `,
  styles: `
    .compare {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 16px 0 12px;
    }
    .v {
      width: 100px;
    }
    .before {
      color: #cf1322;
      white-space: pre-wrap;
    }
    .after {
      color: #389e0d;
      white-space: pre-wrap;
    }
    .mono {
      font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    }
    .load-error {
      color: #ff4d4f;
      margin-bottom: 8px;
    }
  `,
})
export class VersionsPanel {
  private readonly api = inject(AssessmentApiService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  readonly applicationId = input.required<string>();
  /** the application's current version: reload when it moves */
  readonly version = input(0);

  protected readonly versions = signal<ApplicationVersionView[]>([]);
  protected readonly loading = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly from = signal(0);
  protected readonly to = signal(0);
  protected readonly changes = signal<AnswerChange[] | null>(null);
  protected readonly diffLoading = signal(false);
  protected readonly date = (v: string) => formatDateTime(v, this.i18n.lang());
  protected readonly fieldLabel = (f: AnswerChange['field']) =>
    this.t(
      f === 'choice'
        ? 'app.answer'
        : f === 'selfScore'
          ? 'app.selfScore'
          : f === 'statement'
            ? 'app.statement'
            : 'app.evidence',
    );
  protected readonly latest = computed(() => this.versions().at(-1)?.version ?? 0);

  constructor() {
    effect(() => {
      const id = this.applicationId();
      this.version();
      untracked(() => void this.load(id));
    });
  }

  private async load(id: string): Promise<void> {
    this.loading.set(true);
    this.error.set(null);
    try {
      const list = [...(await this.api.versions(id))].sort((a, b) => a.version - b.version);
      this.versions.set(list);
      if (list.length >= 2) {
        this.from.set(list[list.length - 2].version);
        this.to.set(list[list.length - 1].version);
      }
    } catch (err) {
      this.error.set(errorMessage(err, this.t));
    } finally {
      this.loading.set(false);
    }
  }

  async compare(): Promise<void> {
    this.diffLoading.set(true);
    this.error.set(null);
    try {
      const a = Math.min(this.from(), this.to());
      const b = Math.max(this.from(), this.to());
      this.changes.set(await this.api.diff(this.applicationId(), a, b));
    } catch (err) {
      this.error.set(errorMessage(err, this.t));
    } finally {
      this.diffLoading.set(false);
    }
  }
}
