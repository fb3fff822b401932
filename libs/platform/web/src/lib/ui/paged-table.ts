import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  DestroyRef,
  Directive,
  SimpleChange,
  ViewContainerRef,
  effect,
  inject,
  input,
  untracked,
  viewChild,
  type Signal,
  type TemplateRef,
} from '@angular/core';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzTableComponent } from 'ng-zorro-antd/table';
import { I18nService } from '../i18n.service';

/** What a server-paged table shows: a PagedList has all of it. */
export interface PagedSource<T> {
  readonly rows: Signal<readonly T[]>;
  readonly total: Signal<number>;
  readonly loading: Signal<boolean>;
  readonly page: Signal<number>;
  readonly pageSize: Signal<number>;
  readonly pageSizes: number[];
  setPage(page: number): void;
  setPageSize(size: number): void;
}

/** The table's "共 N 条" and empty-state templates (rendered where nz-table puts them). */
@Component({
  selector: 'lib-table-templates',
  imports: [NzEmptyModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ng-template #total let-total>{{ t('common.total', { n: total }) }}</ng-template>
    <ng-template #empty>
      <nz-empty [nzNotFoundContent]="text()" [attr.data-testid]="testId()" />
    </ng-template>
  `,
})
export class TableTemplates {
  protected readonly t = inject(I18nService).t;
  readonly text = input('');
  readonly testId = input<string | null>(null);
  readonly total = viewChild.required<TemplateRef<{ $implicit: number; range: [number, number] }>>('total');
  readonly empty = viewChild.required<TemplateRef<void>>('empty');
}

/**
 * Server-side pagination for an nz-table: `<nz-table [libPagedTable]="list" [libEmpty]="…">`. The table gets
 * the list's rows, total, page, page size, loading, a size changer, "共 N 条" and an nz-empty with the
 * message; the page keeps its own columns (`<thead>`, `<tbody>` with `table.data`) and sort headers.
 */
@Directive({ selector: 'nz-table[libPagedTable]' })
export class PagedTable<T> {
  /** The list the table shows. */
  readonly libPagedTable = input.required<PagedSource<T>>();
  /** The empty state's message. */
  readonly libEmpty = input('');
  /** data-testid of the empty state. */
  readonly libEmptyTestId = input<string | null>(null);
  private readonly source = this.libPagedTable;

  private readonly table = inject<NzTableComponent<T>>(NzTableComponent);
  private readonly cdr = inject(ChangeDetectorRef);

  constructor() {
    const templates = inject(ViewContainerRef).createComponent(TableTemplates);
    const table = this.table;
    table.nzShowSizeChanger = true;
    table.nzFrontPagination = false;
    table.ngOnChanges({ nzFrontPagination: new SimpleChange(true, false, true) });
    const subs = [
      table.nzPageIndexChange.subscribe((p) => {
        if (p !== untracked(this.source().page)) this.source().setPage(p);
      }),
      table.nzPageSizeChange.subscribe((s) => this.source().setPageSize(s)),
    ];
    inject(DestroyRef).onDestroy(() => subs.forEach((s) => s.unsubscribe()));

    effect(() => {
      templates.setInput('text', this.libEmpty());
      templates.setInput('testId', this.libEmptyTestId());
      table.nzShowTotal = templates.instance.total();
      if (table.nzNoResult !== templates.instance.empty()) {
        table.nzNoResult = templates.instance.empty();
        table.ngOnChanges({ nzNoResult: new SimpleChange(undefined, table.nzNoResult, false) });
      }
    });
    effect(() => {
      const s = this.source();
      const next = {
        nzData: s.rows(),
        nzTotal: s.total(),
        nzPageIndex: s.page(),
        nzPageSize: s.pageSize(),
        nzLoading: s.loading(),
      };
      const changes: Record<string, SimpleChange> = {};
      for (const [key, value] of Object.entries(next) as [keyof typeof next, never][]) {
        if (table[key] !== value) {
          changes[key] = new SimpleChange(table[key], value, false);
          (table as unknown as Record<string, unknown>)[key] = value;
        }
      }
      if (table.nzPageSizeOptions !== s.pageSizes) table.nzPageSizeOptions = s.pageSizes;
      if (Object.keys(changes).length) {
        table.ngOnChanges(changes);
        this.cdr.markForCheck();
      }
    });
  }
}
