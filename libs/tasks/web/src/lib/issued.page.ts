import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { AuthService, I18nService } from '@hutong/platform-web';
import { FilterBar, PagedTable, pagedList } from '@hutong/platform-web/ui';
import { TASK_KINDS, type TaskDisplayStatus, type TaskKind, type TaskSummary } from '@hutong/tasks-model';
import { STATUS_FILTERS } from './my-tasks.page';
import { TasksApiService, type TaskSort } from './tasks-api.service';
import { TaskDue, TaskStatusTag, kindLabel, statusLabel } from './task-ui';

interface IssuedFilters {
  status: TaskDisplayStatus | null;
  kind: TaskKind | null;
  q: string;
  batchId: string | null;
}

/** 已下达任务: the tasks in the caller's jurisdiction; filters in the URL's query (status, kind, batch) drill in from the dashboard. */
@Component({
  selector: 'lib-issued-page',
  imports: [
    FormsModule,
    RouterLink,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzSelectModule,
    NzTableModule,
    FilterBar,
    PagedTable,
    TaskDue,
    TaskStatusTag,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nz-card [nzTitle]="t('tasks.issued')" [nzExtra]="extra" nzSize="small">
      <lib-filter-bar
        [placeholder]="t('tasks.search')"
        searchTestId="issued-search"
        (searched)="list.setFilter('q', $event)"
        (cleared)="list.reset()"
      >
        <nz-select
          class="w-180"
          nzAllowClear
          [nzPlaceHolder]="t('tasks.allStatuses')"
          [ngModel]="list.filters().status"
          (ngModelChange)="list.setFilter('status', $event ?? null)"
          data-testid="issued-status-filter"
        >
          @for (s of statuses; track s) {
            <nz-option [nzValue]="s" [nzLabel]="status(s)" />
          }
        </nz-select>
        <nz-select
          class="w-180"
          nzAllowClear
          [nzPlaceHolder]="t('tasks.allKinds')"
          [ngModel]="list.filters().kind"
          (ngModelChange)="list.setFilter('kind', $event ?? null)"
          data-testid="issued-kind-filter"
        >
          @for (k of kinds; track k) {
            <nz-option [nzValue]="k" [nzLabel]="kind(k)" />
          }
        </nz-select>
      </lib-filter-bar>
      @if (list.errorMessage(); as message) {
        <div class="load-error">{{ message }}</div>
      }
      <nz-table
        #table
        nzSize="middle"
        data-testid="issued-table"
        [libPagedTable]="list"
        [libEmpty]="filtered() ? t('tasks.emptyFiltered') : t('tasks.empty')"
        libEmptyTestId="issued-empty"
      >
        <thead>
          <tr>
            <th
              [nzSortFn]="true"
              [nzSortOrder]="list.sortOrder('title')"
              (nzSortOrderChange)="list.sortBy('title', $event)"
            >
              {{ t('tasks.title') }}
            </th>
            <th>{{ t('tasks.assignee') }}</th>
            <th nzWidth="140px">{{ t('tasks.kind') }}</th>
            <th
              nzWidth="110px"
              [nzSortFn]="true"
              [nzSortOrder]="list.sortOrder('status')"
              (nzSortOrderChange)="list.sortBy('status', $event)"
            >
              {{ t('tasks.status') }}
            </th>
            <th
              nzWidth="230px"
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
            <tr data-testid="issued-row" class="clickable" (click)="open(task)">
              <td>
                <a [routerLink]="['/tasks', task.id]" (click)="$event.stopPropagation()">{{ task.title }}</a>
              </td>
              <td>{{ task.assignee.name }}</td>
              <td>{{ kind(task.kind) }}</td>
              <td><lib-task-status [status]="task.displayStatus" /></td>
              <td><lib-task-due [dueAt]="task.dueAt" [status]="task.status" /></td>
            </tr>
          }
        </tbody>
      </nz-table>
    </nz-card>
    <ng-template #extra>
      @if (canIssue()) {
        <a nz-button nzType="primary" routerLink="/tasks/new" data-testid="task-new">
          <nz-icon nzType="plus" />{{ t('tasks.new') }}
        </a>
      }
      <a nz-button [href]="exportUrl()" download data-testid="issued-export">
        <nz-icon nzType="download" />{{ t('tasks.exportXlsx') }}
      </a>
    </ng-template>
  `,
})
export class IssuedPage {
  private readonly api = inject(TasksApiService);
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;
  protected readonly statuses = STATUS_FILTERS;
  protected readonly kinds = TASK_KINDS;
  protected readonly canIssue = computed(() => ['coordinator', 'admin'].includes(this.auth.role() ?? ''));

  protected readonly list = pagedList<IssuedFilters, TaskSort, TaskSummary>({
    filters: { status: null, kind: null, q: '', batchId: null },
    pageSize: 20,
    loader: ({ filters, page, pageSize, sort, dir }) =>
      this.api.issued({ ...filters, page, pageSize, sort: sort ?? 'due', dir: dir ?? 'asc' }),
  });

  protected readonly filtered = computed(() => {
    const f = this.list.filters();
    return !!(f.status || f.kind || f.q || f.batchId);
  });

  protected readonly exportUrl = computed(() =>
    this.api.issuedXlsxUrl({ ...this.list.filters(), sort: this.list.sort() ?? 'due', dir: this.list.dir() ?? 'asc' }),
  );

  constructor() {
    const q = inject(ActivatedRoute).snapshot.queryParamMap;
    const status = q.get('status') as TaskDisplayStatus | null;
    const kind = q.get('kind') as TaskKind | null;
    const batchId = q.get('batchId');
    if (status || kind || batchId)
      this.list.patchFilters({
        status: status && STATUS_FILTERS.includes(status) ? status : null,
        kind: kind && TASK_KINDS.includes(kind) ? kind : null,
        batchId,
      });
  }

  protected status(s: TaskDisplayStatus): string {
    return statusLabel(s, this.i18n.lang());
  }

  protected kind(k: TaskKind): string {
    return kindLabel(k, this.i18n.lang());
  }

  protected open(task: TaskSummary): void {
    void this.router.navigate(['/tasks', task.id]);
  }
}
