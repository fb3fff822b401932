import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { I18nService } from '@hutong/platform-web';
import { PagedTable, pagedList } from '@hutong/platform-web/ui';
import type { TaskDisplayStatus, TaskSummary } from '@hutong/tasks-model';
import { TasksApiService, type TaskSort } from './tasks-api.service';
import { TaskDue, TaskStatusTag, kindLabel, statusLabel } from './task-ui';

export const STATUS_FILTERS: TaskDisplayStatus[] = [
  'open',
  'acknowledged',
  'returned',
  'overdue',
  'submitted',
  'accepted',
  'cancelled',
];

/** 我的任务: the tasks of the caller's organisation, by due date. */
@Component({
  selector: 'lib-my-tasks-page',
  imports: [FormsModule, RouterLink, NzCardModule, NzSelectModule, NzTableModule, PagedTable, TaskDue, TaskStatusTag],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nz-card [nzTitle]="t('tasks.mine')" nzSize="small">
      <div class="filters">
        <nz-select
          class="w-180"
          nzAllowClear
          [nzPlaceHolder]="t('tasks.allStatuses')"
          [ngModel]="list.filters().status"
          (ngModelChange)="list.setFilter('status', $event ?? null)"
          data-testid="tasks-status-filter"
        >
          @for (s of statuses; track s) {
            <nz-option [nzValue]="s" [nzLabel]="status(s)" />
          }
        </nz-select>
      </div>
      @if (list.errorMessage(); as message) {
        <div class="load-error">{{ message }}</div>
      }
      <nz-table
        #table
        nzSize="middle"
        data-testid="tasks-table"
        [libPagedTable]="list"
        [libEmpty]="list.filters().status ? t('tasks.emptyFiltered') : t('tasks.empty')"
        libEmptyTestId="tasks-empty"
      >
        <thead>
          <tr>
            <th>{{ t('tasks.title') }}</th>
            <th nzWidth="160px">{{ t('tasks.kind') }}</th>
            <th nzWidth="110px">{{ t('tasks.status') }}</th>
            <th
              nzWidth="240px"
              [nzSortFn]="true"
              [nzSortOrder]="list.sortOrder('due')"
              (nzSortOrderChange)="list.sortBy('due', $event)"
            >
              {{ t('tasks.dueAt') }}
            </th>
          </tr>
        </thead>
        <tbody>
          @for (task of table.data; track task.id) {
            <tr data-testid="task-row">
              <td>
                <a [routerLink]="['/tasks', task.id]" data-testid="task-open">{{ task.title }}</a>
              </td>
              <td>{{ kind(task) }}</td>
              <td><lib-task-status [status]="task.displayStatus" /></td>
              <td><lib-task-due [dueAt]="task.dueAt" [status]="task.status" /></td>
            </tr>
          }
        </tbody>
      </nz-table>
    </nz-card>
  `,
})
export class MyTasksPage {
  private readonly api = inject(TasksApiService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;
  protected readonly statuses = STATUS_FILTERS;

  protected readonly list = pagedList<{ status: TaskDisplayStatus | null }, TaskSort, TaskSummary>({
    filters: { status: null },
    pageSize: 20,
    loader: ({ filters, page, pageSize, sort, dir }) =>
      this.api.mine({ ...filters, page, pageSize, sort: sort ?? 'due', dir: dir ?? 'asc' }),
  });

  protected status(s: TaskDisplayStatus): string {
    return statusLabel(s, this.i18n.lang());
  }

  protected kind(task: TaskSummary): string {
    return kindLabel(task.kind, this.i18n.lang());
  }
}
