import { ChangeDetectionStrategy, Component, effect, inject, signal, untracked } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { NotificationView } from '@hutong/notifications-model';
import { NzBadgeModule } from 'ng-zorro-antd/badge';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzTableModule } from 'ng-zorro-antd/table';
import { I18nService, errorMessage, formatDateTime } from '@hutong/platform-web';
import { PagedTable, pagedList } from '@hutong/platform-web/ui';
import { NotificationApiService } from './notification-api.service';
import { UnreadCountService } from './unread-count.service';

/**
 * The inbox: the caller's notifications, newest first, all or only the unread; mark one read (opening its link
 * does too) or all (asked first). Titles and bodies come rendered by the api in the UI's language (the api client
 * sends it as Accept-Language), so a language switch reloads the page.
 */
@Component({
  selector: 'lib-inbox-page',
  imports: [
    RouterLink,
    NzCardModule,
    NzTableModule,
    NzButtonModule,
    NzIconModule,
    NzPopconfirmModule,
    NzBadgeModule,
    PagedTable,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './inbox.page.html',
})
export class InboxPage {
  private readonly api = inject(NotificationApiService);
  private readonly message = inject(NzMessageService);
  private readonly unread = inject(UnreadCountService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;
  protected readonly busy = signal(false);

  protected readonly list = pagedList<{ unread: boolean }, never, NotificationView>({
    filters: { unread: false },
    pageSize: 20,
    loader: ({ filters, page, pageSize }) => this.api.list({ ...filters, page, pageSize }),
  });

  protected readonly date = (v: string | null) => formatDateTime(v, this.i18n.lang());

  constructor() {
    let first = true;
    effect(() => {
      this.i18n.lang();
      if (first) first = false;
      else untracked(() => this.list.reload());
    });
  }

  async markRead(n: NotificationView): Promise<void> {
    if (n.readAt) return;
    try {
      this.unread.set((await this.api.markRead(n.id)).unread);
      this.list.reload();
    } catch (err) {
      this.message.error(errorMessage(err, this.t));
    }
  }

  async markAllRead(): Promise<void> {
    this.busy.set(true);
    try {
      this.unread.set((await this.api.markAllRead()).unread);
      this.list.reload();
    } catch (err) {
      this.message.error(errorMessage(err, this.t));
    } finally {
      this.busy.set(false);
    }
  }
}
