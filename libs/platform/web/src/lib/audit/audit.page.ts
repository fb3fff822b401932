import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { AuditEntryView, Paged } from '@hutong/platform-model';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { ApiClient } from '../api-client/api-client';
import { auditList } from '../api-client/generated/operations/audit';
import { errorMessage } from '../api-error';
import { formatDateTime } from '../dates';
import { I18nService } from '../i18n.service';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  actionLabel,
  auditChanges,
  entityTypeLabel,
  fieldLabel,
  formatValue,
  type ValueLabels,
} from './audit-labels';

/** The calendar day the user picked (the picker's local date), as yyyy-MM-dd: the api reads it as an Asia/Shanghai date. */
function pickedDay(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function actionColor(action: string): string {
  if (action.endsWith('.delete') || action.endsWith('failed') || action.endsWith('.remove')) return 'red';
  if (action.endsWith('.create') || action.endsWith('.add')) return 'green';
  if (action.startsWith('auth.')) return 'default';
  return 'blue';
}

@Component({
  selector: 'lib-audit-page',
  imports: [
    FormsModule,
    NzCardModule,
    NzTableModule,
    NzInputModule,
    NzSelectModule,
    NzDatePickerModule,
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
  private readonly api = inject(ApiClient);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  protected readonly actions = AUDIT_ACTIONS;
  protected readonly entityTypes = AUDIT_ENTITY_TYPES;
  protected readonly dates = signal<Date[]>([]);
  protected readonly actor = signal('');
  protected readonly action = signal<string | null>(null);
  protected readonly entityType = signal<string | null>(null);
  protected readonly page = signal(1);
  protected readonly pageSize = signal(20);
  protected readonly result = signal<Paged<AuditEntryView> | null>(null);
  protected readonly loading = signal(false);
  protected readonly loadError = signal<string | null>(null);
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());
  private seq = 0;

  protected readonly actionName = (a: string) => actionLabel(a, this.i18n.lang());
  protected readonly typeName = (e: string) => entityTypeLabel(e, this.i18n.lang());

  /** The entries as people read them, in the UI language. */
  protected readonly rows = computed(() => {
    const lang = this.i18n.lang();
    const labels: ValueLabels = {
      lang,
      level: this.i18n.level,
      kind: this.i18n.kind,
      grade: (v) => this.i18n.grade(v),
      role: this.i18n.role,
    };
    return (this.result()?.items ?? []).map((entry) => ({
      entry,
      at: formatDateTime(entry.at, lang),
      action: actionLabel(entry.action, lang),
      color: actionColor(entry.action),
      type: entityTypeLabel(entry.entityType, lang),
      changes: auditChanges(entry.before, entry.after).map((c) => ({
        field: c.field,
        label: c.field ? fieldLabel(c.field, lang) : this.t('audit.value'),
        before: formatValue(c.field, c.before, labels, entry.refs ?? {}),
        after: formatValue(c.field, c.after, labels, entry.refs ?? {}),
      })),
    }));
  });

  constructor() {
    void this.reload();
  }

  search(): void {
    this.page.set(1);
    void this.reload();
  }

  onDates(range: Date[] | null): void {
    this.dates.set(range ?? []);
    this.search();
  }

  onAction(action: string | null): void {
    this.action.set(action);
    this.search();
  }

  onEntityType(type: string | null): void {
    this.entityType.set(type);
    this.search();
  }

  resetFilters(): void {
    this.dates.set([]);
    this.actor.set('');
    this.action.set(null);
    this.entityType.set(null);
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
    const [from, to] = this.dates();
    const query = {
      page: this.page(),
      pageSize: this.pageSize(),
      from: from ? pickedDay(from) : undefined,
      to: to ? pickedDay(to) : undefined,
      actor: this.actor().trim() || undefined,
      action: this.action() ?? undefined,
      entityType: this.entityType() ?? undefined,
    };
    this.loading.set(true);
    this.loadError.set(null);
    try {
      const res: Paged<AuditEntryView> = await this.api.call(auditList, { query });
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
