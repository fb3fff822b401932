import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
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
} from '@hutong/assessment-model';
import { STAGE_GRAPH } from '@hutong/assessment-model';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzDescriptionsModule } from 'ng-zorro-antd/descriptions';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { errorMessage } from '@hutong/platform-web';
import { FilterBar, PagedTable, loadResource, pagedList } from '@hutong/platform-web/ui';
import { AssessmentApiService, type BoardFilter, type BoardSort } from './assessment-api.service';
import { AuthService } from '@hutong/platform-web';
import { formatDateTime } from '@hutong/platform-web';
import { I18nService } from '@hutong/platform-web';
import { AssessmentText } from './assessment-ui';
import { APPLYING_KINDS } from './cycle-form';
import { stateCounts, totalCount } from './cycles.page';

type BoardFilters = Required<Pick<BoardFilter, 'state' | 'kind' | 'targetLevel' | 'late' | 'q'>>;

/** Actions a coordinator runs in bulk from the board (those the machine lets a coordinator take). */
export const BULK_ACTIONS: ApplicationAction[] = [
  'start_check',
  'accept',
  'finish_conformance',
  'to_onsite',
  'to_rating',
  'finish_onsite',
];

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
    NzSelectModule,
    NzCheckboxModule,
    NzPopconfirmModule,
    NzAlertModule,
    NzDescriptionsModule,
    FilterBar,
    PagedTable,
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

  protected readonly cycleLoad = loadResource({ params: () => this.id(), loader: (id) => this.api.cycle(id) });
  protected readonly cycle = computed<CycleView | null>(() => this.cycleLoad.value() ?? null);
  protected readonly list = pagedList<BoardFilters, BoardSort, ApplicationSummary>({
    filters: { state: null, kind: null, targetLevel: null, late: false, q: '' },
    pageSize: 50,
    pageSizes: [20, 50, 100, 200],
    key: () => this.id(),
    loader: ({ filters, page, pageSize, sort, dir }) =>
      this.api.board(this.id(), { ...filters, page, pageSize, sort, dir }),
  });
  protected readonly f = this.list.filters;
  protected readonly rows = this.list.rows;
  protected readonly loadError = computed(() => this.cycleLoad.errorMessage() ?? this.list.errorMessage());

  protected readonly checked = signal<ReadonlySet<string>>(new Set());
  protected readonly bulkAction = signal<ApplicationAction | null>(null);
  protected readonly bulkBusy = signal(false);
  protected readonly bulkResult = signal<BulkTransitionResult | null>(null);

  protected readonly canAct = computed(() => {
    const r = this.auth.role();
    return r === 'coordinator' || r === 'admin';
  });
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
      this.cycleLoad.reload();
      this.list.reload();
    } catch (err) {
      this.message.error(errorMessage(err, this.t));
    } finally {
      this.bulkBusy.set(false);
    }
  }
}
