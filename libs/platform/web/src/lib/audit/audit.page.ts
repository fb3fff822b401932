import { HttpClient, HttpParams } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { JsonPipe } from '@angular/common';
import { firstValueFrom } from 'rxjs';
import type { AuditEntryView, Paged } from '@hutong/platform-model';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { errorMessage } from '../api-error';
import { formatDateTime } from '../dates';
import { I18nService } from '../i18n.service';

@Component({
  selector: 'lib-audit-page',
  imports: [
    FormsModule,
    JsonPipe,
    NzCardModule,
    NzTableModule,
    NzInputModule,
    NzButtonModule,
    NzIconModule,
    NzEmptyModule,
    NzTagModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './audit.page.html',
  styleUrls: ['./audit.page.scss'],
})
export class AuditPage {
  private readonly http = inject(HttpClient);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  protected readonly entityType = signal('');
  protected readonly action = signal('');
  protected readonly page = signal(1);
  protected readonly pageSize = signal(20);
  protected readonly result = signal<Paged<AuditEntryView> | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());
  private seq = 0;

  protected readonly date = (v: string) => formatDateTime(v, this.i18n.lang());

  constructor() {
    void this.reload();
  }

  search(): void {
    this.page.set(1);
    void this.reload();
  }

  resetFilters(): void {
    this.entityType.set('');
    this.action.set('');
    this.search();
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

  toggle(id: string, open: boolean): void {
    const next = new Set(this.expanded());
    if (open) next.add(id);
    else next.delete(id);
    this.expanded.set(next);
  }

  async reload(): Promise<void> {
    const seq = ++this.seq;
    let params = new HttpParams().set('page', this.page()).set('pageSize', this.pageSize());
    if (this.entityType().trim()) params = params.set('entityType', this.entityType().trim());
    if (this.action().trim()) params = params.set('action', this.action().trim());
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const res = await firstValueFrom(this.http.get<Paged<AuditEntryView>>('/api/audit', { params }));
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
}
