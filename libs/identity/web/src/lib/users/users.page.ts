import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ROLES, type Paged, type Role } from '@hutong/platform-model';
import { type UserView } from '@hutong/identity-model';
import { NzBadgeModule } from 'ng-zorro-antd/badge';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { errorMessage } from '@hutong/platform-web';
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
    NzInputModule,
    NzSelectModule,
    NzButtonModule,
    NzIconModule,
    NzEmptyModule,
    NzPopconfirmModule,
    NzTagModule,
    NzBadgeModule,
    UserForm,
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
  protected readonly q = signal('');
  private readonly appliedQ = signal('');
  protected readonly role = signal<Role | null>(null);
  protected readonly page = signal(1);
  protected readonly pageSize = signal(20);
  protected readonly result = signal<Paged<UserView> | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly drawerOpen = signal(false);
  protected readonly editing = signal<UserView | null>(null);
  private seq = 0;

  protected readonly rows = computed(() => this.result()?.items ?? []);
  protected readonly date = (v: string | null) => formatDateTime(v, this.i18n.lang());

  constructor() {
    void this.reload();
  }

  search(): void {
    this.appliedQ.set(this.q().trim());
    this.page.set(1);
    void this.reload();
  }

  setRole(role: Role | null): void {
    this.role.set(role);
    this.page.set(1);
    void this.reload();
  }

  resetFilters(): void {
    this.q.set('');
    this.appliedQ.set('');
    this.role.set(null);
    this.page.set(1);
    void this.reload();
  }

  onPageIndex(page: number): void {
    if (page === this.page()) return;
    this.page.set(page);
    void this.reload();
  }

  onPageSize(size: number): void {
    if (size === this.pageSize()) return;
    this.pageSize.set(size);
    this.page.set(1);
    void this.reload();
  }

  async reload(): Promise<void> {
    const seq = ++this.seq;
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const res = await this.api.list({
        q: this.appliedQ(),
        role: this.role(),
        page: this.page(),
        pageSize: this.pageSize(),
      });
      if (seq === this.seq) this.result.set(res);
    } catch (err) {
      if (seq === this.seq) {
        this.result.set(null);
        this.loadError.set(errorMessage(err, this.t));
      }
    } finally {
      if (seq === this.seq) this.loading.set(false);
    }
  }

  openCreate(): void {
    this.editing.set(null);
    this.drawerOpen.set(true);
  }

  openEdit(u: UserView): void {
    this.editing.set(u);
    this.drawerOpen.set(true);
  }

  async onSaved(): Promise<void> {
    this.drawerOpen.set(false);
    this.message.success(this.t('common.saved'));
    await this.reload();
  }

  async setActive(u: UserView, active: boolean): Promise<void> {
    try {
      await this.api.update(u.id, { active });
      this.message.success(this.t('common.saved'));
      await this.reload();
    } catch (err) {
      this.message.error(errorMessage(err, this.t));
    }
  }
}
