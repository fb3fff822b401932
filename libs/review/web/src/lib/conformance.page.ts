import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, signal } from '@angular/core';
import { DOCUMENT, NgTemplateOutlet } from '@angular/common';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute } from '@angular/router';
import {
  STATE_LABELS_EN,
  STATE_LABELS_ZH,
  type ApplicationState,
  type ApplicationSummary,
  type CycleView,
} from '@hutong/assessment-model';
import { I18nService, apiErrorOf, errorMessage, formatDateTime } from '@hutong/platform-web';
import { FilterBar, PagedTable, loadResource, pagedList } from '@hutong/platform-web/ui';
import {
  CONFORMANCE_CATEGORIES,
  CONFORMANCE_CATEGORY_LABELS,
  CONFORMANCE_COLUMN_LABELS,
  CONFORMANCE_FILE_EXTENSIONS,
  CONFORMANCE_FILE_MAX_BYTES,
  CONFORMANCE_RESULT_LABELS,
  type ConformanceCategory,
  type ConformanceColumn,
  type ConformanceReportView,
  type ConformanceResult,
  type ConformanceRowError,
} from '@hutong/review-model';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzRadioModule } from 'ng-zorro-antd/radio';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { ReviewOfficeApi } from './review-office-api';
import { conformanceErrorsOf, conformanceFileProblem, conformanceTemplateCsv, percent } from './review-office-logic';
import { labelOf, latestFirst } from './sessions.page';

/** The application state in which the office imports the conformance test tool's results (标准符合性测试). */
export const CONFORMANCE_STATE = 'conformance_testing' as string as ApplicationState;

type Scope = 'testing' | 'all';

interface ConformanceFilters {
  q: string;
  scope: Scope;
}

/** A refused import: whose, the headline, each bad row. */
interface ImportRefusal {
  applicationId: string;
  name: string;
  message: string;
  /** errors the api counted (it lists at most 200) */
  count: number;
  errors: ConformanceRowError[];
}

/** 标准符合性测试: a cycle's applications under conformance testing, their latest reports, and the import of a result file. */
@Component({
  selector: 'lib-conformance-page',
  imports: [
    FormsModule,
    NgTemplateOutlet,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzRadioModule,
    NzSelectModule,
    NzTableModule,
    NzTagModule,
    FilterBar,
    PagedTable,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nz-card [nzTitle]="t('ro.conformance')" [nzExtra]="extra" nzSize="small">
      <div class="muted hint">{{ t('ro.conf.hint', { mb: maxMb }) }}</div>
      <lib-filter-bar
        [placeholder]="t('ro.conf.search')"
        searchTestId="conf-search"
        (searched)="list.setFilter('q', $event)"
        (cleared)="list.reset()"
      >
        <nz-select
          class="wide"
          nzShowSearch
          [nzPlaceHolder]="t('ro.chooseCycle')"
          [ngModel]="cycleId()"
          (ngModelChange)="chooseCycle($event)"
          data-testid="conf-cycle"
        >
          @for (c of cycles(); track c.id) {
            <nz-option [nzValue]="c.id" [nzLabel]="c.name" />
          }
        </nz-select>
        <nz-radio-group
          [ngModel]="list.filters().scope"
          (ngModelChange)="list.setFilter('scope', $event)"
          data-testid="conf-scope"
        >
          <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -->
          <label nz-radio-button nzValue="testing">{{ t('ro.conf.scopeTesting') }}</label>
          <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -->
          <label nz-radio-button nzValue="all">{{ t('ro.conf.scopeAll') }}</label>
        </nz-radio-group>
      </lib-filter-bar>
      @if (loadError(); as message) {
        <div class="load-error" data-testid="conf-load-error">{{ message }}</div>
      }
      <nz-table
        #table
        nzSize="middle"
        data-testid="conf-table"
        [libPagedTable]="list"
        [libEmpty]="
          !cycleId()
            ? t('ro.conf.noCycle')
            : list.filters().scope === 'testing'
              ? t('ro.conf.empty')
              : t('ro.conf.emptyAll')
        "
        libEmptyTestId="conf-empty"
        [nzScroll]="{ x: '1000px' }"
      >
        <thead>
          <tr>
            <th>{{ t('ro.application') }}</th>
            <th nzWidth="130px">{{ t('ro.state') }}</th>
            <th nzWidth="300px">{{ t('ro.conf.latest') }}</th>
            <th nzWidth="170px">{{ t('ro.conf.importedAt') }}</th>
            <th nzWidth="220px">{{ t('common.actions') }}</th>
          </tr>
        </thead>
        <tbody>
          @for (a of table.data; track a.id) {
            <tr data-testid="conf-app" [attr.data-org]="a.organisation.code" [attr.data-name]="a.organisation.name">
              <td>
                <div>{{ a.organisation.name }}</div>
                <div class="muted small">{{ a.regionPath.join(' / ') }}</div>
              </td>
              <td>
                <nz-tag [nzColor]="a.state === testingState ? 'processing' : 'default'">{{
                  stateLabel(a.state)
                }}</nz-tag>
              </td>
              <td>
                @if (reportOf(a.id); as r) {
                  <div data-testid="conf-summary" [attr.data-passed]="r.passed">
                    <nz-tag [nzColor]="r.passed ? 'green' : 'red'">{{
                      resultLabel(r.passed ? 'pass' : 'fail')
                    }}</nz-tag>
                    {{
                      t('ro.conf.summaryLine', {
                        passed: r.summary.total.passedItems,
                        failed: r.summary.total.failedItems,
                        rate: pct(r.summary.total.passRate),
                      })
                    }}
                  </div>
                } @else if (reportsLoading()) {
                  <span class="muted">…</span>
                } @else {
                  <span class="muted">{{ t('ro.conf.noReport') }}</span>
                }
              </td>
              <td class="nowrap">{{ reportOf(a.id) ? when(reportOf(a.id)!.importedAt) : '—' }}</td>
              <td class="nowrap">
                <label class="ant-btn ant-btn-default ant-btn-sm upload-label" [class.disabled]="uploading() !== null">
                  <nz-icon nzType="upload" />
                  {{ uploading() === a.id ? t('ro.conf.importing') : t('ro.conf.import') }}
                  <input
                    type="file"
                    hidden
                    [accept]="accept"
                    [disabled]="uploading() !== null"
                    (change)="upload(a, $event)"
                    data-testid="conf-import"
                  />
                </label>
                @if (reportOf(a.id)) {
                  <button
                    nz-button
                    nzType="link"
                    nzSize="small"
                    type="button"
                    (click)="show(a, false)"
                    data-testid="conf-view"
                  >
                    {{ t('ro.conf.view') }}
                  </button>
                }
              </td>
            </tr>
          }
        </tbody>
      </nz-table>
    </nz-card>

    @if (refusal(); as r) {
      <nz-card nzSize="small" class="block-card" data-testid="conf-errors">
        <nz-alert
          nzType="error"
          nzShowIcon
          nzCloseable
          class="block"
          [nzMessage]="r.name + ' · ' + r.message"
          [nzDescription]="
            r.count > r.errors.length ? t('ro.conf.errorsShown', { n: r.errors.length }) : t('ro.conf.nothingImported')
          "
          (nzOnClose)="refusal.set(null)"
        />
        <nz-table
          #errTable
          nzSize="small"
          [nzData]="r.errors"
          [nzPageSize]="20"
          [nzHideOnSinglePage]="true"
          data-testid="conf-errors-table"
        >
          <thead>
            <tr>
              <th nzWidth="100px">{{ t('ro.conf.row') }}</th>
              <th nzWidth="140px">{{ t('ro.conf.column') }}</th>
              <th>{{ t('ro.conf.problem') }}</th>
            </tr>
          </thead>
          <tbody>
            @for (e of errTable.data; track $index) {
              <tr data-testid="conf-error" [attr.data-row]="e.row" [attr.data-column]="e.column ?? ''">
                <td>{{ e.row === 0 ? t('ro.conf.wholeFile') : t('ro.conf.rowN', { n: e.row }) }}</td>
                <td>{{ e.column ? columnLabel(e.column) : '—' }}</td>
                <td>{{ problem(e) }}</td>
              </tr>
            }
          </tbody>
        </nz-table>
      </nz-card>
    }

    @if (shown(); as s) {
      <nz-card
        nzSize="small"
        class="block-card"
        [nzTitle]="s.name + ' · ' + s.report.fileName"
        [nzExtra]="closeShown"
        data-testid="conf-result"
        [attr.data-passed]="s.report.passed"
      >
        @if (s.fresh) {
          <nz-alert
            [nzType]="s.report.passed ? 'success' : 'warning'"
            nzShowIcon
            class="block"
            [nzMessage]="t('ro.conf.recorded', { result: resultLabel(s.report.passed ? 'pass' : 'fail') })"
            data-testid="conf-recorded"
          />
        }
        <div class="muted block">
          {{ t('ro.conf.importedBy', { by: s.report.importedBy, at: when(s.report.importedAt) }) }}
        </div>
        <nz-table
          #catTable
          nzSize="small"
          nzBordered
          [nzData]="categories"
          [nzFrontPagination]="false"
          [nzShowPagination]="false"
          data-testid="conf-by-category"
        >
          <thead>
            <tr>
              <th>{{ t('ro.conf.category') }}</th>
              <th nzAlign="right">{{ t('ro.conf.items') }}</th>
              <th nzAlign="right">{{ t('ro.conf.passedItems') }}</th>
              <th nzAlign="right">{{ t('ro.conf.failedItems') }}</th>
              <th nzAlign="right">{{ t('ro.conf.tested') }}</th>
              <th nzAlign="right">{{ t('ro.conf.passed') }}</th>
              <th nzAlign="right">{{ t('ro.conf.failed') }}</th>
              <th nzAlign="right">{{ t('ro.conf.passRate') }}</th>
              <th>{{ t('ro.conf.result') }}</th>
            </tr>
          </thead>
          <tbody>
            @for (c of catTable.data; track c) {
              <tr data-testid="conf-category" [attr.data-category]="c">
                <td>{{ categoryLabel(c) }}</td>
                <ng-container *ngTemplateOutlet="tallyCells; context: { $implicit: s.report.summary.byCategory[c] }" />
              </tr>
            }
            <tr class="total" data-testid="conf-total">
              <td>
                <strong>{{ t('ro.conf.total') }}</strong>
              </td>
              <ng-container *ngTemplateOutlet="tallyCells; context: { $implicit: s.report.summary.total }" />
            </tr>
          </tbody>
        </nz-table>
        <div class="section-title">{{ t('ro.conf.rows') }}</div>
        <nz-table
          #rowsTable
          nzSize="small"
          [nzData]="s.report.rows"
          [nzPageSize]="20"
          [nzHideOnSinglePage]="true"
          data-testid="conf-rows"
        >
          <thead>
            <tr>
              <th nzWidth="110px">{{ t('ro.conf.category') }}</th>
              <th nzWidth="120px">{{ columnLabel('code') }}</th>
              <th>{{ columnLabel('name') }}</th>
              <th nzWidth="120px">{{ columnLabel('standard') }}</th>
              <th nzWidth="80px" nzAlign="right">{{ t('ro.conf.tested') }}</th>
              <th nzWidth="80px" nzAlign="right">{{ t('ro.conf.passed') }}</th>
              <th nzWidth="80px" nzAlign="right">{{ t('ro.conf.failed') }}</th>
              <th nzWidth="90px">{{ t('ro.conf.result') }}</th>
            </tr>
          </thead>
          <tbody>
            @for (row of rowsTable.data; track row.category + row.code) {
              <tr>
                <td>{{ categoryLabel(row.category) }}</td>
                <td class="mono">{{ row.code }}</td>
                <td>{{ row.name }}</td>
                <td>{{ row.standard || '—' }}</td>
                <td nzAlign="right">{{ row.tested }}</td>
                <td nzAlign="right">{{ row.passed }}</td>
                <td nzAlign="right">{{ row.failed }}</td>
                <td>
                  <nz-tag [nzColor]="row.result === 'pass' ? 'green' : 'red'">{{ resultLabel(row.result) }}</nz-tag>
                </td>
              </tr>
            }
          </tbody>
        </nz-table>
      </nz-card>
      <ng-template #closeShown>
        <button nz-button nzType="link" nzSize="small" type="button" (click)="shown.set(null)">
          {{ t('ro.conf.close') }}
        </button>
      </ng-template>
    }

    <ng-template #tallyCells let-x>
      <td nzAlign="right">{{ x.items }}</td>
      <td nzAlign="right">{{ x.passedItems }}</td>
      <td nzAlign="right">{{ x.failedItems }}</td>
      <td nzAlign="right">{{ x.tested }}</td>
      <td nzAlign="right">{{ x.passed }}</td>
      <td nzAlign="right">{{ x.failed }}</td>
      <td nzAlign="right">{{ pct(x.passRate) }}</td>
      <td>
        @if (x.items > 0) {
          <nz-tag [nzColor]="x.failedItems === 0 ? 'green' : 'red'">{{
            resultLabel(x.failedItems === 0 ? 'pass' : 'fail')
          }}</nz-tag>
        } @else {
          <span class="muted">—</span>
        }
      </td>
    </ng-template>

    <ng-template #extra>
      <button nz-button type="button" (click)="downloadTemplate()" data-testid="conf-template">
        <nz-icon nzType="download" />{{ t('ro.conf.template') }}
      </button>
    </ng-template>
  `,
  styles: `
    .hint {
      margin-bottom: 12px;
    }
    .small {
      font-size: 12px;
    }
    .block {
      display: block;
      margin-bottom: 12px;
    }
    .block-card {
      margin-top: 16px;
    }
    .section-title {
      font-weight: 600;
      margin: 16px 0 8px;
    }
    .upload-label {
      cursor: pointer;
    }
    .upload-label.disabled {
      pointer-events: none;
      opacity: 0.6;
    }
    tr.total > td {
      background: #fafafa;
    }
  `,
})
export class ConformancePage {
  private readonly api = inject(ReviewOfficeApi);
  private readonly document = inject(DOCUMENT);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  protected readonly testingState = CONFORMANCE_STATE;
  protected readonly categories = CONFORMANCE_CATEGORIES;
  protected readonly accept = CONFORMANCE_FILE_EXTENSIONS.join(',');
  protected readonly maxMb = CONFORMANCE_FILE_MAX_BYTES / 1024 / 1024;

  private readonly cyclesLoad = loadResource({ loader: async () => latestFirst(await this.api.cycles()) });
  protected readonly cycles = computed<CycleView[]>(() => this.cyclesLoad.value() ?? []);
  private readonly wanted = inject(ActivatedRoute).snapshot.queryParamMap.get('cycleId');
  protected readonly cycleId = linkedSignal<CycleView[] | undefined, string | null>({
    source: this.cyclesLoad.value,
    computation: (cycles) => {
      if (!cycles) return null;
      if (this.wanted && cycles.some((c) => c.id === this.wanted)) return this.wanted;
      return (cycles.find((c) => c.status === 'open') ?? cycles[0])?.id ?? null;
    },
  });

  protected readonly list = pagedList<ConformanceFilters, never, ApplicationSummary>({
    filters: { q: '', scope: 'testing' },
    pageSize: 20,
    key: () => this.cycleId() ?? undefined,
    loader: ({ filters, page, pageSize }) =>
      this.api.applications(this.cycleId() as string, {
        state: filters.scope === 'testing' ? CONFORMANCE_STATE : null,
        q: filters.q,
        page,
        pageSize,
      }),
  });
  /** the latest report of each listed application (null when none) */
  private readonly reportsLoad = loadResource({
    params: () => {
      const ids = this.list.rows().map((a) => a.id);
      return ids.length ? ids.join(',') : undefined;
    },
    loader: async (key) => {
      const ids = key.split(',');
      const reports = await Promise.all(ids.map((id) => this.api.latestConformance(id).catch(() => null)));
      return new Map(ids.map((id, i) => [id, reports[i] ?? null]));
    },
  });
  protected readonly reportsLoading = this.reportsLoad.loading;
  /** reports imported here (newer than the loaded ones) */
  private readonly imported = signal<ReadonlyMap<string, ConformanceReportView>>(new Map());
  protected readonly loadError = computed(() => this.cyclesLoad.errorMessage() ?? this.list.errorMessage());

  protected readonly uploading = signal<string | null>(null);
  protected readonly refusal = signal<ImportRefusal | null>(null);
  protected readonly shown = signal<{ name: string; report: ConformanceReportView; fresh: boolean } | null>(null);

  protected readonly reportOf = (id: string): ConformanceReportView | null =>
    this.imported().get(id) ?? this.reportsLoad.value()?.get(id) ?? null;
  protected readonly stateLabel = (s: ApplicationState) =>
    (this.i18n.isZh() ? STATE_LABELS_ZH[s] : STATE_LABELS_EN[s]) ??
    (s === CONFORMANCE_STATE ? this.t('ro.conformanceTesting') : s);
  protected readonly resultLabel = (r: ConformanceResult) => labelOf(CONFORMANCE_RESULT_LABELS, r, this.i18n.isZh());
  protected readonly categoryLabel = (c: ConformanceCategory) =>
    labelOf(CONFORMANCE_CATEGORY_LABELS, c, this.i18n.isZh());
  protected readonly columnLabel = (c: ConformanceColumn) => labelOf(CONFORMANCE_COLUMN_LABELS, c, this.i18n.isZh());
  protected readonly pct = (rate: number | null) => percent(rate);
  protected readonly when = (v: string) => formatDateTime(v, this.i18n.lang());
  protected readonly problem = (e: ConformanceRowError) => this.t.message?.(e.code, e.params) ?? e.code;

  protected chooseCycle(id: string): void {
    this.cycleId.set(id);
    this.list.setPage(1);
    this.refusal.set(null);
    this.shown.set(null);
  }

  protected show(a: ApplicationSummary, fresh: boolean): void {
    const report = this.reportOf(a.id);
    if (report) this.shown.set({ name: a.organisation.name, report, fresh });
  }

  async upload(a: ApplicationSummary, event: Event): Promise<void> {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.refusal.set(null);
    this.shown.set(null);
    const name = a.organisation.name;
    const early = conformanceFileProblem(file, CONFORMANCE_FILE_MAX_BYTES, CONFORMANCE_FILE_EXTENSIONS);
    if (early) {
      this.refusal.set({
        applicationId: a.id,
        name,
        message: this.t('ro.conf.fileRefused'),
        count: 1,
        errors: [{ row: 0, code: early.code, params: early.params }],
      });
      return;
    }
    this.uploading.set(a.id);
    try {
      const report = await this.api.importConformance(a.id, file);
      this.imported.update((m) => new Map(m).set(a.id, report));
      this.shown.set({ name, report, fresh: true });
      this.list.reload();
    } catch (err) {
      const body = apiErrorOf(err);
      const errors = body?.code === 'review.conformance_import_invalid' ? conformanceErrorsOf(body.details) : [];
      this.refusal.set({
        applicationId: a.id,
        name,
        message: errorMessage(err, this.t),
        count: Number(body?.params?.['n'] ?? errors.length),
        errors,
      });
    } finally {
      this.uploading.set(null);
    }
  }

  /** The empty template (the header in the canonical order), built here as a CSV. */
  protected downloadTemplate(): void {
    const blob = new Blob([conformanceTemplateCsv()], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    const a = this.document.createElement('a');
    a.href = url;
    a.download = this.t('ro.conf.templateFile');
    this.document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
