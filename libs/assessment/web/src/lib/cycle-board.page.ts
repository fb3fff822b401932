import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import {
  APPLICATION_STATES,
  LEVELS,
  type ApplicationAction,
  type ApplicationState,
  type ApplicationSummary,
  type BulkTransitionResult,
  type CycleView,
  type Level,
} from '@hutong/assessment-model';
import { type OrgKind } from '@hutong/platform-model';
import { STAGE_GRAPH } from '@hutong/assessment-model';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { errorMessage } from '@hutong/platform-web';
import { AssessmentApiService, type BoardFilter, type BoardSort } from './assessment-api.service';
import { AuthService } from '@hutong/platform-web';
import { formatDateTime } from '@hutong/platform-web';
import { I18nService } from '@hutong/platform-web';
import { AssessmentText } from './assessment-ui';
import { APPLYING_KINDS } from './cycle-form';
import { stateCounts, totalCount } from './cycles.page';

/** Actions a coordinator runs in bulk from the board (those the machine lets a coordinator take). */
export const BULK_ACTIONS: ApplicationAction[] = ['start_check', 'accept', 'to_onsite', 'to_rating', 'finish_onsite'];

/** The bulk actions that can apply to at least one of the selected states. */
export function bulkActionsFor(states: ApplicationState[]): ApplicationAction[] {
  return BULK_ACTIONS.filter((a) => STAGE_GRAPH.edges.some((e) => e.action === a && states.includes(e.from)));
}

/** 批次看板: a cycle's applications by state, with filters, late ones flagged, and bulk stage gates. */
@Component({
  selector: 'lib-cycle-board-page',
  imports: [
    FormsModule,
    RouterLink,
    NzCardModule,
    NzTableModule,
    NzTagModule,
    NzButtonModule,
    NzIconModule,
    NzEmptyModule,
    NzSelectModule,
    NzInputModule,
    NzCheckboxModule,
    NzPopconfirmModule,
    NzAlertModule,
    NzDescriptionsModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './cycle-board.page.html',
  styleUrls: ['./assessment.scss'],
})
export class CycleBoardPage {
  private readonly api = inject(AssessmentApiService);
  private readonly message = inject(NzMessageService);
  private readonly router = inject(Router);
  protected readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18nService);
  protected readonly text = inject(AssessmentText);
  protected readonly t = this.i18n.t;

  /** The route's :id (component input binding). */
  readonly id = input.required<string>();

  protected readonly states = APPLICATION_STATES;
  protected readonly kinds = APPLYING_KINDS;
  protected readonly levels = LEVELS;

  protected readonly cycle = signal<CycleView | null>(null);
  protected readonly rows = signal<ApplicationSummary[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadError = signal<string | null>(null);

  protected readonly q = signal('');
  private readonly appliedQ = signal('');
  protected readonly state = signal<ApplicationState | null>(null);
  protected readonly kind = signal<OrgKind | null>(null);
  protected readonly level = signal<Level | null>(null);
  protected readonly lateOnly = signal(false);
  protected readonly pageIndex = signal(1);
  protected readonly pageSize = signal(50);
  protected readonly totalRows = signal(0);
  protected readonly sort = signal<BoardSort | null>(null);
  protected readonly dir = signal<'asc' | 'desc' | null>(null);

  protected readonly checked = signal<ReadonlySet<string>>(new Set());
  protected readonly bulkAction = signal<ApplicationAction | null>(null);
  protected readonly bulkBusy = signal(false);
  protected readonly bulkResult = signal<BulkTransitionResult | null>(null);
  private requestSeq = 0;

  protected readonly canAct = computed(() => {
    const r = this.auth.role();
    return r === 'coordinator' || r === 'admin';
  });
  protected readonly filter = computed<BoardFilter>(() => ({
    state: this.state(),
    kind: this.kind(),
    targetLevel: this.level(),
    late: this.lateOnly(),
    q: this.appliedQ(),
    page: this.pageIndex(),
    pageSize: this.pageSize(),
    sort: this.sort(),
    dir: this.dir(),
  }));
  protected readonly counts = computed(() => {
    const c = this.cycle();
    return c ? stateCounts(c) : [];
  });
  protected readonly total = computed(() => {
    const c = this.cycle();
    return c ? totalCount(c) : 0;
  });
  protected readonly selectedRows = computed(() => this.rows().filter((r) => this.checked().has(r.id)));
  protected readonly allChecked = computed(
    () => this.rows().length > 0 && this.selectedRows().length === this.rows().length,
  );
  protected readonly someChecked = computed(() => this.selectedRows().length > 0 && !this.allChecked());
  protected readonly availableBulk = computed(() => bulkActionsFor(this.selectedRows().map((r) => r.state)));
  protected readonly resultsUrl = computed(() => this.api.resultsUrl(this.id()));
  protected readonly nameOf = computed(() => new Map(this.rows().map((r) => [r.id, r.organisation.name])));
  protected readonly date = (v: string) => formatDateTime(v, this.i18n.lang());
  /** A bulk refusal in the current language (its code translated; the server's Chinese reason otherwise). */
  protected readonly refusal = (x: BulkTransitionResult['refused'][number]) =>
    (x.code ? this.t.message?.(x.code, x.params) : null) ?? x.reason;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.loadCycle(id));
    });
  }

  private async loadCycle(id: string): Promise<void> {
    try {
      this.cycle.set(await this.api.cycle(id));
    } catch (err) {
      this.loadError.set(errorMessage(err, this.t));
    }
    await this.reload();
  }

  async reload(): Promise<void> {
    const seq = ++this.requestSeq;
    this.loading.set(true);
    try {
      const page = await this.api.board(this.id(), this.filter());
      if (seq !== this.requestSeq) return;
      const rows = page.items;
      this.rows.set(rows);
      this.totalRows.set(page.total);
      this.loadError.set(null);
      // keep only the selections still on the page
      const ids = new Set(rows.map((r) => r.id));
      this.checked.set(new Set([...this.checked()].filter((id) => ids.has(id))));
    } catch (err) {
      if (seq === this.requestSeq) this.loadError.set(errorMessage(err, this.t));
    } finally {
      if (seq === this.requestSeq) this.loading.set(false);
    }
  }

  search(): void {
    this.appliedQ.set(this.q().trim());
    this.pageIndex.set(1);
    void this.reload();
  }

  setFilter<T>(target: { set(v: T): void }, value: T): void {
    target.set(value);
    this.pageIndex.set(1);
    void this.reload();
  }

  setPage(index: number): void {
    this.pageIndex.set(index);
    void this.reload();
  }

  setPageSize(size: number): void {
    this.pageSize.set(size);
    this.pageIndex.set(1);
    void this.reload();
  }

  /** A column's sort order from the table header (ng-zorro's ascend/descend/null). */
  setSort(column: BoardSort, order: string | null): void {
    this.sort.set(order ? column : null);
    this.dir.set(order === 'descend' ? 'desc' : order === 'ascend' ? 'asc' : null);
    this.pageIndex.set(1);
    void this.reload();
  }

  resetFilters(): void {
    this.q.set('');
    this.appliedQ.set('');
    this.state.set(null);
    this.kind.set(null);
    this.level.set(null);
    this.lateOnly.set(false);
    this.pageIndex.set(1);
    void this.reload();
  }

  toggle(id: string, on: boolean): void {
    const next = new Set(this.checked());
    if (on) next.add(id);
    else next.delete(id);
    this.checked.set(next);
  }

  toggleAll(on: boolean): void {
    this.checked.set(on ? new Set(this.rows().map((r) => r.id)) : new Set());
  }

  open(row: ApplicationSummary): void {
    void this.router.navigate(['/applications', row.id]);
  }

  async runBulk(): Promise<void> {
    const action = this.bulkAction();
    const ids = this.selectedRows().map((r) => r.id);
    if (!action || ids.length === 0) return;
    this.bulkBusy.set(true);
    this.bulkResult.set(null);
    try {
      const result = await this.api.bulkTransition(ids, action);
      this.bulkResult.set(result);
      const text = this.t('board.bulkResult', { done: result.done.length, refused: result.refused.length });
      if (result.refused.length) this.message.warning(text);
      else this.message.success(text);
      this.checked.set(new Set());
      this.bulkAction.set(null);
      const [cycle] = await Promise.all([this.api.cycle(this.id()).catch(() => null), this.reload()]);
      if (cycle) this.cycle.set(cycle);
    } catch (err) {
      this.message.error(errorMessage(err, this.t));
    } finally {
      this.bulkBusy.set(false);
    }
  }
}
