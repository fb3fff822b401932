import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NotificationApiService } from '@hutong/notifications-web';
import { I18nService, formatDateTime } from '@hutong/platform-web';
import { loadResource } from '@hutong/platform-web/ui';
import { TasksApiService } from './tasks-api.service';
import { TaskDue, TaskStatusTag } from './task-ui';

/** The applicant's landing page: its waiting tasks by due date and its newest notifications. */
@Component({
  selector: 'lib-home-page',
  imports: [RouterLink, NzButtonModule, NzCardModule, NzEmptyModule, TaskDue, TaskStatusTag],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .home {
      display: grid;
      grid-template-columns: 3fr 2fr;
      gap: 16px;
    }
    @media (max-width: 900px) {
      .home {
        grid-template-columns: 1fr;
      }
    }
    .row {
      display: flex;
      justify-content: space-between;
      gap: 12px;
      width: 100%;
    }
  `,
  template: `
    <div class="home">
      <nz-card [nzTitle]="t('home.openTasks')" [nzExtra]="tasksExtra" nzSize="small" data-testid="home-tasks">
        @if (tasks.errorMessage(); as m) {
          <div class="load-error">{{ m }}</div>
        }
        @for (task of tasks.value()?.items ?? []; track task.id) {
          <div class="row list-row" data-testid="home-task">
            <span>
              <a [routerLink]="['/tasks', task.id]">{{ task.title }}</a>
              <lib-task-status [status]="task.displayStatus" />
            </span>
            <lib-task-due [dueAt]="task.dueAt" [status]="task.status" />
          </div>
        } @empty {
          @if (!tasks.loading()) {
            <nz-empty [nzNotFoundContent]="t('home.noOpenTasks')" data-testid="home-tasks-empty" />
          }
        }
      </nz-card>
      <nz-card
        [nzTitle]="t('home.notifications')"
        [nzExtra]="notesExtra"
        nzSize="small"
        data-testid="home-notifications"
      >
        @for (n of notes.value()?.items ?? []; track n.id) {
          <div class="list-row" data-testid="home-notification">
            <div [style.font-weight]="n.readAt ? 400 : 600">
              @if (n.link) {
                <a [routerLink]="n.link">{{ n.title }}</a>
              } @else {
                {{ n.title }}
              }
            </div>
            <div class="muted">{{ time(n.createdAt) }}</div>
          </div>
        } @empty {
          @if (!notes.loading()) {
            <nz-empty [nzNotFoundContent]="t('home.noNotifications')" data-testid="home-notifications-empty" />
          }
        }
      </nz-card>
    </div>
    <ng-template #tasksExtra>
      <a nz-button nzType="link" routerLink="/tasks">{{ t('home.allTasks') }}</a>
    </ng-template>
    <ng-template #notesExtra>
      <a nz-button nzType="link" routerLink="/notifications">{{ t('home.allNotifications') }}</a>
    </ng-template>
  `,
})
export class HomePage {
  private readonly api = inject(TasksApiService);
  private readonly notifications = inject(NotificationApiService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  /** waiting tasks (open, acknowledged, returned — overdue among them) soonest first */
  protected readonly tasks = loadResource({
    loader: async () => {
      const page = await this.api.mine({ page: 1, pageSize: 50, sort: 'due', dir: 'asc' });
      return { ...page, items: page.items.filter((x) => ['open', 'acknowledged', 'returned'].includes(x.status)) };
    },
  });

  protected readonly notes = loadResource({
    params: () => this.i18n.lang(),
    loader: () => this.notifications.list({ unread: false, page: 1, pageSize: 5 }),
  });

  protected time(v: string): string {
    return formatDateTime(v, this.i18n.lang());
  }
}
