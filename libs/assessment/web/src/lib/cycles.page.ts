import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import {
  APPLICATION_STATES,
  type ApplicationState,
  type CycleView,
  type SchemeSummary,
} from '@hutong/assessment-model';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzPopconfirmModule } from 'ng-zorro-antd/popconfirm';
import { FormsModule } from '@angular/forms';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTooltipModule } from 'ng-zorro-antd/tooltip';
import { errorMessage } from '@hutong/platform-web';
import { loadResource } from '@hutong/platform-web/ui';
import { AssessmentApiService } from './assessment-api.service';
import { AuthService } from '@hutong/platform-web';
import { formatDateTime } from '@hutong/platform-web';
import { I18nService } from '@hutong/platform-web';
import { AssessmentText, todayInChina, windowStatus } from './assessment-ui';
import { CycleForm } from './cycle-form';

/** The non-zero state counts of a cycle, in the machine's order. */
export function stateCounts(c: Pick<CycleView, 'counts'>): { state: ApplicationState; n: number }[] {
  return APPLICATION_STATES.filter((s) => (c.counts[s] ?? 0) > 0).map((state) => ({
    state,
    n: c.counts[state] ?? 0,
  }));
}

export function totalCount(c: Pick<CycleView, 'counts'>): number {
  return Object.values(c.counts).reduce<number>((s, n) => s + (n ?? 0), 0);
}

/** 测评批次: the cycles of the jurisdiction with their counts per state; coordinators create them. */
@Component({
  selector: 'lib-cycles-page',
  imports: [
    NzCardModule,
    NzTableModule,
    NzTagModule,
    NzButtonModule,
    NzIconModule,
    NzEmptyModule,
    NzTooltipModule,
    NzCheckboxModule,
    NzPopconfirmModule,
    FormsModule,
    CycleForm,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './cycles.page.html',
  styleUrls: ['./assessment.scss'],
})
export class CyclesPage {
  private readonly api = inject(AssessmentApiService);
  private readonly message = inject(NzMessageService);
  private readonly router = inject(Router);
  protected readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18nService);
  protected readonly text = inject(AssessmentText);
  protected readonly t = this.i18n.t;

  protected readonly showArchived = signal(false);
  private readonly cyclesLoad = loadResource({
    params: () => ({ archived: this.showArchived() }),
    loader: async ({ archived }) =>
      [...(await this.api.cycles(archived))].sort((a, b) => b.year - a.year || b.batch - a.batch),
  });
  private readonly schemesLoad = loadResource({ loader: () => this.api.schemes().catch(() => [] as SchemeSummary[]) });
  protected readonly cycles = computed(() => this.cyclesLoad.value() ?? []);
  protected readonly schemes = computed(() => this.schemesLoad.value() ?? []);
  protected readonly loading = this.cyclesLoad.loading;
  protected readonly loadError = this.cyclesLoad.errorMessage;
  protected readonly drawerOpen = signal(false);
  /** the cycle being edited in the drawer (null: a new one) */
  protected readonly editing = signal<CycleView | null>(null);
  protected readonly statusBusy = signal<string | null>(null);
  protected readonly today = todayInChina();

  protected readonly canCreate = computed(() => {
    const r = this.auth.role();
    return r === 'coordinator' || r === 'admin';
  });
  protected readonly canOpenBoard = computed(() => this.auth.role() !== null && this.auth.role() !== 'applicant');
  private readonly schemeNames = computed(() => new Map(this.schemes().map((s) => [s.id, `${s.name} v${s.version}`])));

  protected readonly counts = stateCounts;
  protected readonly total = totalCount;
  protected readonly date = (v: string) => formatDateTime(v, this.i18n.lang());
  protected readonly schemeName = (id: string) => this.schemeNames().get(id) ?? id;
  protected readonly window = (c: CycleView) => c.windows.find((w) => w.key === 'application');
  protected readonly status = (c: CycleView) => windowStatus(this.window(c), this.today);

  reload(): void {
    this.cyclesLoad.reload();
  }

  open(c: CycleView): void {
    if (this.canOpenBoard()) void this.router.navigate(['/cycles', c.id]);
  }

  create(): void {
    this.editing.set(null);
    this.drawerOpen.set(true);
  }

  edit(c: CycleView): void {
    this.editing.set(c);
    this.drawerOpen.set(true);
  }

  toggleArchived(v: boolean): void {
    this.showArchived.set(v);
  }

  async setStatus(c: CycleView, action: 'close' | 'archive'): Promise<void> {
    this.statusBusy.set(c.id);
    try {
      const next = await this.api.setCycleStatus(c.id, action);
      this.message.success(
        this.t(action === 'close' ? 'cycles.closedDone' : 'cycles.archivedDone', { name: next.name }),
      );
      this.reload();
    } catch (err) {
      this.message.error(errorMessage(err, this.t));
    } finally {
      this.statusBusy.set(null);
    }
  }

  async onSaved(c: CycleView): Promise<void> {
    const edited = this.editing() !== null;
    this.drawerOpen.set(false);
    this.editing.set(null);
    this.message.success(this.t(edited ? 'cycles.updated' : 'cycles.created', { name: c.name }));
    this.reload();
  }
}
