import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import type { AuditEntryView } from '@hutong/platform-model';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { ApiClient } from '../api-client/api-client';
import { auditList } from '../api-client/generated/operations/audit';
import { formatDateTime } from '../dates';
import { I18nService } from '../i18n.service';
import { FilterBar } from '../ui/filter-bar';
import { pagedList } from '../ui/list-state';
import { PagedTable } from '../ui/paged-table';
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

interface AuditFilters {
  dates: Date[];
  actor: string;
  action: string | null;
  entityType: string | null;
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
    NzTagModule,
    FilterBar,
    PagedTable,
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
  protected readonly list = pagedList<AuditFilters, never, AuditEntryView>({
    filters: { dates: [], actor: '', action: null, entityType: null },
    pageSize: 20,
    loader: ({ filters, page, pageSize }) => {
      const [from, to] = filters.dates;
      const query = {
        page,
        pageSize,
        from: from ? pickedDay(from) : undefined,
        to: to ? pickedDay(to) : undefined,
        actor: filters.actor.trim() || undefined,
        action: filters.action ?? undefined,
        entityType: filters.entityType ?? undefined,
      };
      return this.api.call(auditList, { query });
    },
  });
  protected readonly f = this.list.filters;
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());

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
    return this.list.rows().map((entry) => ({
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

  toggle(id: string, open: boolean): void {
    const next = new Set(this.expanded());
    if (open) next.add(id);
    else next.delete(id);
    this.expanded.set(next);
  }
}
