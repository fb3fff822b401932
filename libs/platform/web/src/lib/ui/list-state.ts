import { computed, signal, type Signal } from '@angular/core';
import type { Paged } from '@hutong/platform-model';
import { loadResource, type Loaded } from './load-resource';

export type SortDir = 'asc' | 'desc';
/** ng-zorro's sort order of a column header. */
export type NzSortOrder = 'ascend' | 'descend' | null;

/** What a server list asks for: the filters, the page and the sort. */
export interface ListQuery<F, S extends string = string> {
  filters: F;
  page: number;
  pageSize: number;
  sort: S | null;
  dir: SortDir | null;
}

export interface ListStateOptions<F> {
  /** The filters as they start (and as reset() leaves them). */
  filters: F;
  pageSize?: number;
  pageSizes?: number[];
}

/**
 * The state of a paged, sorted, filtered server list. Changing a filter, the page size or the sort goes
 * back to page 1 (the old page may not exist any more); reset() restores the initial filters.
 */
export class ListState<F extends object, S extends string = string> {
  private readonly initial: F;
  readonly filters;
  readonly page = signal(1);
  readonly pageSize;
  readonly sort = signal<S | null>(null);
  readonly dir = signal<SortDir | null>(null);
  readonly pageSizes: number[];
  readonly query: Signal<ListQuery<F, S>>;

  constructor(options: ListStateOptions<F>) {
    this.initial = { ...options.filters };
    this.filters = signal<F>({ ...options.filters });
    this.pageSize = signal(options.pageSize ?? 20);
    this.pageSizes = options.pageSizes ?? [10, 20, 50, 100];
    this.query = computed(() => ({
      filters: this.filters(),
      page: this.page(),
      pageSize: this.pageSize(),
      sort: this.sort(),
      dir: this.dir(),
    }));
  }

  setFilter<K extends keyof F>(key: K, value: F[K]): void {
    this.patchFilters({ [key]: value } as unknown as Partial<F>);
  }

  patchFilters(patch: Partial<F>): void {
    this.filters.update((f) => ({ ...f, ...patch }));
    this.page.set(1);
  }

  /** The initial filters, page 1 (the sort and page size stay). */
  reset(): void {
    this.filters.set({ ...this.initial });
    this.page.set(1);
  }

  setPage(page: number): void {
    this.page.set(page);
  }

  setPageSize(size: number): void {
    if (size === this.pageSize()) return;
    this.pageSize.set(size);
    this.page.set(1);
  }

  /** A column header's sort change (ng-zorro's ascend/descend/null). */
  sortBy(column: S, order: string | null): void {
    if (order === null) {
      if (this.sort() !== column) return; // another column took over: ng-zorro resets this one
      this.sort.set(null);
      this.dir.set(null);
    } else {
      this.sort.set(column);
      this.dir.set(order === 'descend' ? 'desc' : 'asc');
    }
    this.page.set(1);
  }

  /** The header's sort order of a column. */
  sortOrder(column: S): NzSortOrder {
    if (this.sort() !== column) return null;
    return this.dir() === 'desc' ? 'descend' : 'ascend';
  }
}

export function listState<F extends object, S extends string = string>(options: ListStateOptions<F>): ListState<F, S> {
  return new ListState<F, S>(options);
}

export interface PagedListOptions<F, S extends string, T> extends ListStateOptions<F> {
  loader: (query: ListQuery<F, S>, abortSignal: AbortSignal) => Promise<Paged<T>>;
  /** While false the list waits (e.g. until the page knows its scope). */
  enabled?: () => boolean;
  /** Another signal the list depends on (e.g. the route's id): a change loads again; undefined waits. */
  key?: () => unknown;
}

/** A list state that loads itself: every change of the query loads the page (stale answers ignored). */
export class PagedList<F extends object, S extends string, T> extends ListState<F, S> {
  readonly load: Loaded<Paged<T>>;
  readonly rows: Signal<readonly T[]>;
  readonly total: Signal<number>;
  readonly loading: Signal<boolean>;
  readonly errorMessage: Signal<string | null>;

  constructor(options: PagedListOptions<F, S, T>) {
    super(options);
    const enabled = options.enabled ?? (() => true);
    const key = options.key ?? (() => null);
    this.load = loadResource({
      params: () => {
        const k = key();
        return enabled() && k !== undefined ? { query: this.query(), key: k } : undefined;
      },
      loader: (p, abortSignal) => options.loader(p.query, abortSignal),
    });
    this.rows = computed(() => this.load.value()?.items ?? []);
    this.total = computed(() => this.load.value()?.total ?? 0);
    this.loading = this.load.loading;
    this.errorMessage = this.load.errorMessage;
  }

  reload(): void {
    this.load.reload();
  }
}

/** A paged server list: its state and its load. Call it in an injection context. */
export function pagedList<F extends object, S extends string, T>(
  options: PagedListOptions<F, S, T>,
): PagedList<F, S, T> {
  return new PagedList<F, S, T>(options);
}
