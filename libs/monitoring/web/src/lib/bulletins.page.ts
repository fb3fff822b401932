import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import type { BulletinStatus } from '@hutong/monitoring-model';
import { AuthService, I18nService, errorMessage, formatDateTime } from '@hutong/platform-web';
import { loadResource } from '@hutong/platform-web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTreeSelectModule } from 'ng-zorro-antd/tree-select';
import { MonitoringApi } from './monitoring-api';
import { MonitoringState } from './monitoring-state';
import {
  BULLETIN_STATUS_COLORS,
  REQUIREMENT_MAX,
  bulletinFormProblems,
  day,
  presetChoice,
  regionTree,
  shanghaiToday,
  type BulletinFormProblem,
  type BulletinFormValue,
  type PeriodChoice,
} from './monitoring-logic';
import { PeriodPicker, fromDateString, toDateString } from './period-picker';

/**
 * 通报: the bulletins of the jurisdiction, newest first (title, scope, period, version, status, when published,
 * the rectification tasks opened from it); the coordinator and the admin generate one for a region and period
 * (by default the overview's current scope and period), optionally with a requirement, and land on its editor.
 */
@Component({
  selector: 'lib-monitoring-bulletins-page',
  imports: [
    FormsModule,
    RouterLink,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzDatePickerModule,
    NzEmptyModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzTableModule,
    NzTagModule,
    NzTreeSelectModule,
    PeriodPicker,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .block {
      display: block;
      margin-bottom: 16px;
    }
    .scope {
      width: 320px;
      max-width: 100%;
    }
    .due {
      width: 200px;
    }
    .actions {
      display: flex;
      gap: 8px;
    }
    .small {
      font-size: 12px;
    }
  `,
  template: `
    @if (formOpen()) {
      <nz-card [nzTitle]="t('mon.bul.newTitle')" nzSize="small" class="block" data-testid="bulletin-form">
        <div nz-form nzLayout="vertical">
          <nz-form-item>
            <nz-form-label nzRequired>{{ t('mon.bul.scope') }}</nz-form-label>
            <nz-form-control [nzValidateStatus]="err('scope') ? 'error' : ''" [nzErrorTip]="err('scope') ?? ''">
              <nz-tree-select
                class="scope"
                [nzNodes]="tree()"
                nzShowSearch
                [nzDropdownMatchSelectWidth]="false"
                [nzPlaceHolder]="t('mon.scope')"
                [ngModel]="scope()"
                (ngModelChange)="scope.set($event)"
                data-testid="bulletin-scope"
              />
            </nz-form-control>
          </nz-form-item>
          <nz-form-item>
            <nz-form-label nzRequired>{{ t('mon.bul.period') }}</nz-form-label>
            <nz-form-control>
              <lib-period-picker [value]="period()" (changed)="period.set($event)" />
            </nz-form-control>
          </nz-form-item>
          <nz-form-item>
            <nz-form-label>{{ t('mon.bul.requirement') }}</nz-form-label>
            <nz-form-control
              [nzValidateStatus]="err('requirementText') ? 'error' : ''"
              [nzErrorTip]="err('requirementText') ?? ''"
              [nzExtra]="t('mon.bul.requirementHint')"
            >
              <textarea
                nz-input
                rows="2"
                [ngModel]="requirementText()"
                (ngModelChange)="requirementText.set($event)"
                [placeholder]="t('mon.bul.requirementPlaceholder')"
                [attr.aria-label]="t('mon.bul.requirementText')"
                data-testid="bulletin-requirement-text"
              ></textarea>
            </nz-form-control>
          </nz-form-item>
          <nz-form-item>
            <nz-form-label>{{ t('mon.bul.requirementDue') }}</nz-form-label>
            <nz-form-control
              [nzValidateStatus]="err('requirementDue') ? 'error' : ''"
              [nzErrorTip]="err('requirementDue') ?? ''"
            >
              <nz-date-picker
                class="due"
                [ngModel]="dueDate()"
                (ngModelChange)="requirementDue.set($event ? toDateString($event) : null)"
                [nzDisabledDate]="beforeToday"
                data-testid="bulletin-requirement-due"
              />
            </nz-form-control>
          </nz-form-item>
          @if (generateError(); as m) {
            <nz-alert nzType="error" nzShowIcon [nzMessage]="m" class="block" data-testid="bulletin-form-error" />
          }
          <div class="actions">
            <button
              nz-button
              nzType="primary"
              [nzLoading]="busy()"
              [disabled]="busy()"
              (click)="generate()"
              data-testid="bulletin-generate"
            >
              {{ busy() ? t('mon.bul.generating') : t('mon.bul.generate') }}
            </button>
            <button nz-button [disabled]="busy()" (click)="formOpen.set(false)" data-testid="bulletin-form-cancel">
              {{ t('common.cancel') }}
            </button>
          </div>
        </div>
      </nz-card>
    }

    <nz-card [nzTitle]="t('mon.bul.title')" [nzExtra]="extra" nzSize="small">
      <p class="muted">{{ t('mon.bul.intro') }}</p>
      @if (load.errorMessage(); as m) {
        <div class="load-error" data-testid="bulletins-error">{{ m }}</div>
      }
      <nz-table
        #table
        nzSize="middle"
        data-testid="bulletins-table"
        [nzData]="load.value() ?? []"
        [nzLoading]="load.loading()"
        [nzPageSize]="20"
        [nzHideOnSinglePage]="true"
        [nzNoResult]="emptyTpl"
        [nzScroll]="{ x: '1100px' }"
      >
        <thead>
          <tr>
            <th>{{ t('mon.bul.docTitle') }}</th>
            <th nzWidth="140px">{{ t('mon.bul.scopeCol') }}</th>
            <th nzWidth="220px">{{ t('mon.bul.periodCol') }}</th>
            <th nzWidth="90px">{{ t('mon.bul.version') }}</th>
            <th nzWidth="130px">{{ t('mon.bul.status') }}</th>
            <th nzWidth="170px">{{ t('mon.bul.publishedAt') }}</th>
            <th nzWidth="100px" nzAlign="right">{{ t('mon.bul.tasksOpened') }}</th>
          </tr>
        </thead>
        <tbody>
          @for (b of table.data; track b.id) {
            <tr data-testid="bulletin-row" [attr.data-id]="b.id" [attr.data-status]="b.status">
              <td>
                <a [routerLink]="['/monitoring/bulletins', b.id]">{{ b.title }}</a>
              </td>
              <td>{{ b.scopeName }}</td>
              <td class="nowrap">{{ day(b.period.from) }} – {{ day(b.period.to) }}</td>
              <td>{{ t('mon.bul.versionN', { n: b.version }) }}</td>
              <td>
                <nz-tag [nzColor]="statusColor(b.status)">{{ statusLabel(b.status) }}</nz-tag>
              </td>
              <td class="nowrap">
                @if (b.publishedAt) {
                  {{ when(b.publishedAt) }}
                  <div class="muted small">{{ b.publishedBy }}</div>
                } @else {
                  <span class="muted">—</span>
                }
              </td>
              <td nzAlign="right">{{ b.tasksOpened }}</td>
            </tr>
          }
        </tbody>
      </nz-table>
    </nz-card>

    <ng-template #extra>
      @if (canGenerate() && !formOpen()) {
        <button nz-button nzType="primary" (click)="openForm()" data-testid="bulletin-new">
          <nz-icon nzType="plus" />{{ t('mon.bul.new') }}
        </button>
      }
    </ng-template>
    <ng-template #emptyTpl>
      <nz-empty [nzNotFoundContent]="t('mon.bul.none')" data-testid="bulletins-empty" />
    </ng-template>
  `,
})
export class BulletinsPage {
  private readonly api = inject(MonitoringApi);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);
  private readonly state = inject(MonitoringState);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;
  private readonly today = shanghaiToday();

  protected readonly load = loadResource({ loader: () => this.api.bulletins() });
  protected readonly canGenerate = computed(() => {
    const r = this.auth.role();
    return r === 'coordinator' || r === 'admin';
  });

  protected readonly formOpen = signal(false);
  private readonly regionsLoad = loadResource({
    params: () => (this.formOpen() ? true : undefined),
    loader: () => this.api.regions(),
  });
  protected readonly tree = computed(() => {
    const r = this.regionsLoad.value();
    return r ? regionTree(r.regions, r.roots) : [];
  });
  /** the overview's current scope, else the user's jurisdiction, else the first root */
  protected readonly scope = linkedSignal<string | null>(
    () => this.state.scope() ?? this.auth.me()?.jurisdiction?.id ?? this.regionsLoad.value()?.roots[0] ?? null,
  );
  protected readonly period = signal<PeriodChoice>(this.state.period() ?? presetChoice('thisQuarter', this.today));
  protected readonly requirementText = signal('');
  protected readonly requirementDue = signal<string | null>(null);
  protected readonly dueDate = computed(() => {
    const d = this.requirementDue();
    return d ? fromDateString(d) : null;
  });
  protected readonly busy = signal(false);
  protected readonly generateError = signal<string | null>(null);
  /** shown once the user has tried to generate */
  private readonly tried = signal(false);
  private readonly problems = computed(() =>
    bulletinFormProblems(
      { scope: this.scope(), requirementText: this.requirementText(), requirementDue: this.requirementDue() },
      this.today,
    ),
  );

  protected readonly toDateString = toDateString;
  protected readonly beforeToday = (d: Date): boolean => toDateString(d) < this.today;
  protected readonly day = (d: string | null | undefined) => day(d, this.i18n.lang());
  protected readonly when = (d: string) => formatDateTime(d, this.i18n.lang());
  protected readonly statusColor = (s: BulletinStatus) => BULLETIN_STATUS_COLORS[s];
  protected readonly statusLabel = (s: BulletinStatus) => this.t(`mon.bul.status.${s}`);

  protected err(field: keyof BulletinFormValue): string | null {
    if (!this.tried()) return null;
    const p: BulletinFormProblem | undefined = this.problems()[field];
    return p ? this.t(`mon.bul.problem.${p}`, { max: REQUIREMENT_MAX }) : null;
  }

  protected openForm(): void {
    this.generateError.set(null);
    this.formOpen.set(true);
  }

  protected async generate(): Promise<void> {
    this.tried.set(true);
    const scope = this.scope();
    if (Object.keys(this.problems()).length || !scope) return;
    const p = this.period();
    const text = this.requirementText().trim();
    const due = this.requirementDue();
    this.busy.set(true);
    this.generateError.set(null);
    try {
      const b = await this.api.generateBulletin({
        scope,
        from: p.from,
        to: p.to,
        asOf: p.asOf,
        ...(text && due ? { requirement: { text, due } } : {}),
      });
      await this.router.navigate(['/monitoring/bulletins', b.id]);
    } catch (e) {
      // the form keeps what was typed
      this.generateError.set(errorMessage(e, this.t));
    } finally {
      this.busy.set(false);
    }
  }
}
