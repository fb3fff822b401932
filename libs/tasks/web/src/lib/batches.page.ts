import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzProgressModule } from 'ng-zorro-antd/progress';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { I18nService, formatDateTime } from '@hutong/platform-web';
import { PagedTable, pagedList } from '@hutong/platform-web/ui';
import type { TaskBatchStatus, TaskBatchView } from '@hutong/tasks-model';
import { TasksApiService } from './tasks-api.service';
import { formatDue } from './task-ui';

const BATCH_COLOURS: Record<TaskBatchStatus, string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
};

/** 批量下达记录: the caller's bulk issues with their progress, polled while one is still being created. */
@Component({
  selector: 'lib-batches-page',
  imports: [
    RouterLink,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzProgressModule,
    NzTableModule,
    NzTagModule,
    PagedTable,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nz-card [nzTitle]="t('tasks.batches')" [nzExtra]="extra" nzSize="small">
      @if (list.errorMessage(); as message) {
        <div class="load-error">{{ message }}</div>
      }
      <nz-table
        #table
        nzSize="middle"
        data-testid="batches-table"
        [libPagedTable]="list"
        [libEmpty]="t('tasks.batchEmpty')"
        libEmptyTestId="batches-empty"
      >
        <thead>
          <tr>
            <th>{{ t('tasks.title') }}</th>
            <th nzWidth="150px">{{ t('tasks.dueAt') }}</th>
            <th nzWidth="110px">{{ t('tasks.status') }}</th>
            <th nzWidth="260px">{{ t('tasks.batchProgress') }}</th>
            <th nzWidth="170px">{{ t('tasks.createdAt') }}</th>
            <th nzWidth="110px">{{ t('common.actions') }}</th>
          </tr>
        </thead>
        <tbody>
          @for (b of table.data; track b.id) {
            <tr data-testid="batch-row">
              <td>{{ b.title }}</td>
              <td>{{ day(b.dueAt) }}</td>
              <td>
                <nz-tag [nzColor]="colour(b.status)" data-testid="batch-status">{{ statusText(b.status) }}</nz-tag>
              </td>
              <td>
                <nz-progress
                  [nzPercent]="b.total ? Math.round((b.created / b.total) * 100) : 100"
                  nzSize="small"
                  [nzStatus]="b.status === 'failed' ? 'exception' : b.status === 'done' ? 'success' : 'active'"
                />
                <span class="muted">{{ t('tasks.batchCreated', { created: b.created, total: b.total }) }}</span>
                @if (b.error) {
                  <div class="danger">{{ b.error }}</div>
                }
              </td>
              <td class="nowrap">{{ time(b.createdAt) }}</td>
              <td>
                <a nz-button nzType="link" nzSize="small" routerLink="/tasks/issued" [queryParams]="{ batchId: b.id }">
                  {{ t('tasks.batchTasks') }}
                </a>
              </td>
            </tr>
          }
        </tbody>
      </nz-table>
    </nz-card>
    <ng-template #extra>
      <a nz-button nzType="primary" routerLink="/tasks/new" data-testid="task-new">
        <nz-icon nzType="plus" />{{ t('tasks.new') }}
      </a>
    </ng-template>
  `,
})
export class BatchesPage {
  private readonly api = inject(TasksApiService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;
  protected readonly Math = Math;

  protected readonly list = pagedList<object, never, TaskBatchView>({
    filters: {},
    pageSize: 20,
    loader: ({ page, pageSize }) => this.api.batches(page, pageSize),
  });

  private readonly running = computed(() =>
    this.list.rows().some((b) => b.status === 'queued' || b.status === 'running'),
  );

  constructor() {
    let timer: ReturnType<typeof setTimeout> | null = null;
    effect(() => {
      if (timer) clearTimeout(timer);
      timer = null;
      if (this.running() && !this.list.loading()) timer = setTimeout(() => this.list.reload(), 2000);
    });
    inject(DestroyRef).onDestroy(() => timer && clearTimeout(timer));
  }

  protected colour(s: TaskBatchStatus): string {
    return BATCH_COLOURS[s];
  }

  protected statusText(s: TaskBatchStatus): string {
    return this.t(`tasks.batchStatus.${s}`);
  }

  protected day(v: string): string {
    return formatDue(v, this.i18n.lang());
  }

  protected time(v: string): string {
    return formatDateTime(v, this.i18n.lang());
  }
}
