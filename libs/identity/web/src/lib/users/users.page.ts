import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ROLES, type Role } from '@hutong/platform-model';
import { type UserView } from '@hutong/identity-model';
import { NzBadgeModule } from 'ng-zorro-antd/badge';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { errorMessage } from '@hutong/platform-web';
import { FilterBar, PagedTable, pagedList } from '@hutong/platform-web/ui';
import { formatDateTime } from '@hutong/platform-web';
import { I18nService } from '@hutong/platform-web';
import { UserApiService } from '../user-api.service';
import { UserForm } from './user-form';

@Component({
  selector: 'lib-users-page',
  imports: [
    FormsModule,
    NzCardModule,
    NzTableModule,
    NzSelectModule,
    NzButtonModule,
    NzIconModule,
    NzPopconfirmModule,
    NzTagModule,
    NzBadgeModule,
    UserForm,
    FilterBar,
    PagedTable,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './users.page.html',
})
export class UsersPage {
  private readonly api = inject(UserApiService);
  private readonly message = inject(NzMessageService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  protected readonly roles = ROLES;
  protected readonly list = pagedList<{ q: string; role: Role | null }, never, UserView>({
    filters: { q: '', role: null },
    pageSize: 20,
    loader: ({ filters, page, pageSize }) => this.api.list({ ...filters, page, pageSize }),
  });
  protected readonly drawerOpen = signal(false);
  protected readonly editing = signal<UserView | null>(null);

  protected readonly date = (v: string | null) => formatDateTime(v, this.i18n.lang());

  openCreate(): void {
    this.editing.set(null);
    this.drawerOpen.set(true);
  }

  openEdit(u: UserView): void {
    this.editing.set(u);
    this.drawerOpen.set(true);
  }

  onSaved(): void {
    this.drawerOpen.set(false);
    this.message.success(this.t('common.saved'));
    this.list.reload();
  }

  async setActive(u: UserView, active: boolean): Promise<void> {
    try {
      await this.api.update(u.id, { active });
      this.message.success(this.t('common.saved'));
      this.list.reload();
    } catch (err) {
      this.message.error(errorMessage(err, this.t));
    }
  }
}
