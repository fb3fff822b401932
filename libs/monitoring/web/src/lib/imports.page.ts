import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, signal } from '@angular/core';
import type { MonitoringImportView } from '@hutong/monitoring-model';
import { I18nService, errorMessage, formatDateTime } from '@hutong/platform-web';
import { loadResource } from '@hutong/platform-web/ui';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzUploadModule, type NzUploadFile } from 'ng-zorro-antd/upload';
import { MonitoringApi } from './monitoring-api';
import { batchErrors, count, importActive, importPercent, type BatchError } from './monitoring-logic';

const STATUS_COLORS: Record<MonitoringImportView['status'], string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
};
const MAX_BYTES = 50 * 1024 * 1024;

/**
 * 统计数据导入: a CSV or XLSX of daily statistics (the long or the wide layout, explained with an example). Every row
 * is checked first: a refusal lists each bad line with its code and reason, nothing written; an accepted file is
 * written by the worker, its progress polled every second. The recent imports are listed below.
 */
@Component({
  selector: 'lib-monitoring-imports-page',
  imports: [
    NzAlertModule,
    NzCardModule,
    NzEmptyModule,
    NzIconModule,
    NzProgressModule,
    NzTableModule,
    NzTagModule,
    NzUploadModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .block {
      display: block;
      margin-bottom: 16px;
    }
    .layouts {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 16px;
      margin-bottom: 16px;
    }
    @media (max-width: 1000px) {
      .layouts {
        grid-template-columns: 1fr;
      }
    }
    .example {
      width: 100%;
      border-collapse: collapse;
      font-size: 12px;
      margin-top: 8px;
    }
    .example th,
    .example td {
      border: 1px solid #f0f0f0;
      padding: 4px 8px;
      text-align: left;
      white-space: nowrap;
    }
    .example th {
      background: #fafafa;
    }
    .optional {
      color: rgba(0, 0, 0, 0.45);
    }
    .drop-icon {
      font-size: 40px;
      color: #1677ff;
    }
    .progress {
      min-width: 160px;
    }
  `,
  template: `
    <nz-card [nzTitle]="t('mon.imp.title')" nzSize="small" class="block">
      <nz-upload
        nzType="drag"
        [nzAccept]="accept"
        [nzBeforeUpload]="beforeUpload"
        [nzDisabled]="uploading()"
        [nzShowUploadList]="false"
        data-testid="imp-upload"
      >
        <p><nz-icon nzType="inbox" class="drop-icon" /></p>
        <p>{{ uploading() ? t('mon.imp.uploading') : t('mon.imp.drop') }}</p>
        <p class="muted">{{ t('mon.imp.dropHint') }}</p>
      </nz-upload>

      @if (uploadError(); as m) {
        <nz-alert
          nzType="error"
          nzShowIcon
          [nzMessage]="m"
          class="block"
          style="margin-top: 16px"
          data-testid="imp-error"
        />
      }
      @if (errors(); as list) {
        <nz-table
          #errTable
          nzSize="small"
          [nzData]="list"
          [nzPageSize]="20"
          [nzHideOnSinglePage]="true"
          data-testid="imp-errors"
        >
          <thead>
            <tr>
              <th nzWidth="80px">{{ t('mon.imp.line') }}</th>
              <th nzWidth="140px">{{ t('mon.imp.code') }}</th>
              <th>{{ t('mon.imp.message') }}</th>
            </tr>
          </thead>
          <tbody>
            @for (e of errTable.data; track $index) {
              <tr data-testid="imp-error-row">
                <td>{{ e.line ?? '—' }}</td>
                <td>
                  <nz-tag nzColor="red">{{ e.codeLabel }}</nz-tag>
                </td>
                <td>{{ e.message }}</td>
              </tr>
            }
          </tbody>
        </nz-table>
      }
      @if (current(); as c) {
        <div class="block" style="margin-top: 16px" data-testid="imp-current">
          <div>
            {{ c.fileName }} ·
            <nz-tag [nzColor]="statusColor(c.status)">{{ statusLabel(c.status) }}</nz-tag>
            {{ t('mon.imp.items', { done: count(c.processedItems), total: count(c.totalItems) }) }}
          </div>
          <nz-progress
            [nzPercent]="percent(c)"
            [nzStatus]="c.status === 'failed' ? 'exception' : c.status === 'done' ? 'success' : 'active'"
            data-testid="imp-progress"
          />
          @if (c.status === 'done') {
            <div class="muted">
              {{
                t('mon.imp.doneLine', { written: count(c.written), unchanged: count(c.unchanged), rows: count(c.rows) })
              }}
            </div>
          }
          @if (c.error) {
            <div class="load-error">{{ c.error }}</div>
          }
        </div>
      }
    </nz-card>

    <div class="layouts">
      <nz-card [nzTitle]="t('mon.imp.long')" nzSize="small" data-testid="imp-long">
        <div class="muted">{{ t('mon.imp.longHint') }}</div>
        <table class="example">
          <thead>
            <tr>
              <th>机构编码</th>
              <th>业务日期</th>
              <th>表编码</th>
              <th>记录数</th>
              <th class="optional">上传日期</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>H411502001</td>
              <td>2026-11-02</td>
              <td>TB_MZ_GHMXB</td>
              <td>1520</td>
              <td class="optional">2026-11-03</td>
            </tr>
            <tr>
              <td>H411502001</td>
              <td>2026-11-02</td>
              <td>TB_ZY_CYDJMXB</td>
              <td>86</td>
              <td class="optional">2026-11-03</td>
            </tr>
          </tbody>
        </table>
      </nz-card>
      <nz-card [nzTitle]="t('mon.imp.wide')" nzSize="small" data-testid="imp-wide">
        <div class="muted">{{ t('mon.imp.wideHint') }}</div>
        <table class="example">
          <thead>
            <tr>
              <th>机构编码</th>
              <th>业务日期</th>
              <th class="optional">上传日期</th>
              <th>TB_MZ_GHMXB</th>
              <th>TB_ZY_CYDJMXB</th>
              <th>…</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>H411502001</td>
              <td>2026-11-02</td>
              <td class="optional">2026-11-03</td>
              <td>1520</td>
              <td>86</td>
              <td>…</td>
            </tr>
          </tbody>
        </table>
      </nz-card>
    </div>
    <div class="muted block">{{ t('mon.imp.rules') }}</div>

    <nz-card [nzTitle]="t('mon.imp.recent')" nzSize="small" data-testid="imp-recent">
      @if (recent.errorMessage(); as m) {
        <div class="load-error">{{ m }}</div>
      }
      <nz-table
        #recentTable
        nzSize="middle"
        [nzData]="recentRows()"
        [nzLoading]="recent.loading()"
        [nzPageSize]="20"
        [nzHideOnSinglePage]="true"
        [nzNoResult]="noImports"
        [nzScroll]="{ x: '900px' }"
      >
        <thead>
          <tr>
            <th>{{ t('mon.imp.file') }}</th>
            <th nzWidth="110px">{{ t('mon.status') }}</th>
            <th nzWidth="200px">{{ t('mon.imp.progress') }}</th>
            <th nzWidth="100px" nzAlign="right">{{ t('mon.imp.rows') }}</th>
            <th nzWidth="100px" nzAlign="right">{{ t('mon.imp.written') }}</th>
            <th nzWidth="140px">{{ t('mon.imp.by') }}</th>
            <th nzWidth="170px">{{ t('mon.imp.at') }}</th>
          </tr>
        </thead>
        <tbody>
          @for (i of recentTable.data; track i.id) {
            <tr data-testid="imp-row" [attr.data-status]="i.status">
              <td>
                {{ i.fileName }}
                @if (i.error) {
                  <div class="load-error">{{ i.error }}</div>
                }
              </td>
              <td>
                <nz-tag [nzColor]="statusColor(i.status)">{{ statusLabel(i.status) }}</nz-tag>
              </td>
              <td class="progress">
                <nz-progress
                  nzSize="small"
                  [nzPercent]="percent(i)"
                  [nzStatus]="i.status === 'failed' ? 'exception' : i.status === 'done' ? 'success' : 'active'"
                />
              </td>
              <td nzAlign="right">{{ count(i.rows) }}</td>
              <td nzAlign="right">{{ count(i.written) }}</td>
              <td>{{ i.createdBy }}</td>
              <td class="nowrap">{{ when(i.createdAt) }}</td>
            </tr>
          }
        </tbody>
      </nz-table>
      <ng-template #noImports><nz-empty [nzNotFoundContent]="t('mon.imp.none')" data-testid="imp-empty" /></ng-template>
    </nz-card>
  `,
})
export class ImportsPage {
  private readonly api = inject(MonitoringApi);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  protected readonly accept = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  protected readonly uploading = signal(false);
  protected readonly uploadError = signal<string | null>(null);
  protected readonly errors = signal<BatchError[] | null>(null);
  protected readonly current = signal<MonitoringImportView | null>(null);
  protected readonly recent = loadResource({ loader: () => this.api.imports() });
  protected readonly recentRows = computed(() => {
    const list = this.recent.value() ?? [];
    const c = this.current();
    return c ? list.map((i) => (i.id === c.id ? c : i)) : list;
  });
  private timer: ReturnType<typeof setTimeout> | null = null;

  protected readonly count = count;
  protected readonly percent = importPercent;
  protected readonly when = (d: string) => formatDateTime(d, this.i18n.lang());
  protected readonly statusColor = (s: MonitoringImportView['status']) => STATUS_COLORS[s];
  protected readonly statusLabel = (s: MonitoringImportView['status']) => this.t(`mon.imp.status.${s}`);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  protected readonly beforeUpload = (file: NzUploadFile): boolean => {
    void this.upload(file as unknown as File);
    return false;
  };

  async upload(file: File): Promise<void> {
    this.uploadError.set(null);
    this.errors.set(null);
    if (file.size > MAX_BYTES) {
      this.uploadError.set(this.t('mon.imp.tooLarge'));
      return;
    }
    this.stop();
    this.uploading.set(true);
    try {
      const imp = await this.api.upload(file);
      this.current.set(imp);
      this.recent.reload();
      this.poll(imp);
    } catch (e) {
      this.uploadError.set(errorMessage(e, this.t));
      this.errors.set(batchErrors(e, this.i18n.lang(), this.t.message));
    } finally {
      this.uploading.set(false);
    }
  }

  /** Looks again every second while the import is queued or running. */
  private poll(imp: MonitoringImportView): void {
    if (!importActive(imp)) return;
    this.timer = setTimeout(async () => {
      this.timer = null;
      try {
        const next = await this.api.importOf(imp.id);
        this.current.set(next);
        if (importActive(next)) this.poll(next);
        else this.recent.reload();
      } catch (e) {
        this.uploadError.set(errorMessage(e, this.t));
      }
    }, 1000);
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
