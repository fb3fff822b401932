import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { HttpErrorResponse } from '@angular/common/http';
import { FormsModule, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { OrgApiService, orgTreeNode } from '@hutong/organisations-web';
import { AuthService, I18nService, errorMessage, fieldErrors, type TextKey } from '@hutong/platform-web';
import { FilterBar, PagedTable, pagedList } from '@hutong/platform-web/ui';
import { FormDrawer } from '@hutong/platform-web/ui-forms';
import {
  EXPERT_POOLS,
  EXPERT_POOL_LABELS,
  SPECIALTIES,
  SPECIALTY_LABELS,
  type ExpertPool,
  type ExpertView,
  type Specialty,
} from '@hutong/review-model';
import type { NzFormatEmitEvent, NzTreeNodeOptions } from 'ng-zorro-antd/core/tree';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzSwitchModule } from 'ng-zorro-antd/switch';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTreeSelectModule } from 'ng-zorro-antd/tree-select';
import { ReviewOfficeApi, type ExpertCandidate } from './review-office-api';
import {
  cleanTags,
  expertFormProblems,
  type ExpertField,
  type ExpertFormValue,
  type ExpertProblem,
} from './review-office-logic';
import { labelOf } from './sessions.page';

const PROBLEM_KEYS: Record<Exclude<ExpertProblem, 'tooLong'>, TextKey> = {
  required: 'common.required',
  poolsRequired: 'ro.expertForm.poolsRequired',
  vendorTooLong: 'ro.expertForm.vendorTooLong',
  tooMany: 'ro.expertForm.vendorsTooMany',
};

/** The "新增专家" / "编辑专家" drawer: the user (a new profile), the profile's facts, validated inline. */
@Component({
  selector: 'lib-expert-form',
  imports: [
    ReactiveFormsModule,
    FormDrawer,
    NzFormModule,
    NzInputModule,
    NzSelectModule,
    NzTreeSelectModule,
    NzCheckboxModule,
    NzSwitchModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <lib-form-drawer
      [open]="open()"
      [width]="560"
      [title]="expert() ? t('ro.expertForm.editTitle') : t('ro.expertForm.newTitle')"
      [form]="form"
      [busy]="busy()"
      [error]="serverError()"
      errorTestId="expert-error"
      saveTestId="expert-save"
      (save)="submit()"
      (closed)="closed.emit()"
    >
      <div nz-form nzLayout="vertical" data-testid="expert-form">
        <nz-form-item>
          <nz-form-label [nzRequired]="!expert()">{{ t('ro.expertForm.user') }}</nz-form-label>
          <nz-form-control [nzValidateStatus]="err('userId') ? 'error' : ''" [nzErrorTip]="err('userId')">
            @if (expert(); as e) {
              <div class="fixed" data-testid="expert-user-fixed">{{ e.username }}</div>
            } @else {
              <nz-select
                [formControl]="form.controls.userId"
                nzShowSearch
                nzServerSearch
                nzAllowClear
                [nzLoading]="usersLoading()"
                [nzPlaceHolder]="t('ro.expertForm.userPlaceholder')"
                (nzOnSearch)="searchUsers($event)"
                data-testid="expert-user"
              >
                @for (u of users(); track u.id) {
                  <nz-option [nzValue]="u.id" [nzLabel]="u.displayName + '（' + u.username + '）'" />
                }
              </nz-select>
              @if (usersError(); as message) {
                <div class="danger small" data-testid="expert-users-error">{{ message }}</div>
              }
            }
          </nz-form-control>
        </nz-form-item>
        <div class="row2">
          <nz-form-item>
            <nz-form-label nzRequired nzFor="expert-name">{{ t('ro.expertForm.name') }}</nz-form-label>
            <nz-form-control [nzValidateStatus]="err('name') ? 'error' : ''" [nzErrorTip]="err('name')">
              <input nz-input id="expert-name" [formControl]="form.controls.name" data-testid="expert-name" />
            </nz-form-control>
          </nz-form-item>
          <nz-form-item>
            <nz-form-label nzFor="expert-title">{{ t('ro.expertForm.title') }}</nz-form-label>
            <nz-form-control [nzValidateStatus]="err('title') ? 'error' : ''" [nzErrorTip]="err('title')">
              <input
                nz-input
                id="expert-title"
                [formControl]="form.controls.title"
                [placeholder]="t('ro.expertForm.titlePlaceholder')"
                data-testid="expert-title"
              />
            </nz-form-control>
          </nz-form-item>
        </div>
        <nz-form-item>
          <nz-form-label nzRequired>{{ t('ro.affiliation') }}</nz-form-label>
          <nz-form-control
            [nzValidateStatus]="err('affiliationOrgId') ? 'error' : ''"
            [nzErrorTip]="err('affiliationOrgId')"
          >
            <nz-tree-select
              [formControl]="form.controls.affiliationOrgId"
              [nzNodes]="treeNodes()"
              nzAsyncData
              nzShowSearch
              [nzPlaceHolder]="t('ro.expertForm.affiliationPlaceholder')"
              [nzDropdownStyle]="{ 'max-height': '320px' }"
              (nzExpandChange)="onExpand($event)"
              data-testid="expert-affiliation"
            />
          </nz-form-control>
        </nz-form-item>
        <nz-form-item>
          <nz-form-label nzRequired>{{ t('ro.pools') }}</nz-form-label>
          <nz-form-control [nzValidateStatus]="err('pools') ? 'error' : ''" [nzErrorTip]="err('pools')">
            @for (p of pools; track p) {
              <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -->
              <label
                nz-checkbox
                [nzChecked]="value().pools.includes(p)"
                (nzCheckedChange)="toggle('pools', p, $event)"
                data-testid="expert-pool"
                [attr.data-pool]="p"
                >{{ poolLabel(p) }}</label
              >
            }
          </nz-form-control>
        </nz-form-item>
        <nz-form-item>
          <nz-form-label>{{ t('ro.specialties') }}</nz-form-label>
          <nz-form-control>
            @for (s of specialties; track s) {
              <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -->
              <label
                nz-checkbox
                [nzChecked]="value().specialties.includes(s)"
                (nzCheckedChange)="toggle('specialties', s, $event)"
                data-testid="expert-specialty"
                [attr.data-specialty]="s"
                >{{ specialtyLabel(s) }}</label
              >
            }
          </nz-form-control>
        </nz-form-item>
        <nz-form-item>
          <nz-form-label>{{ t('ro.vendorTies') }}</nz-form-label>
          <nz-form-control
            [nzValidateStatus]="err('vendorTies') ? 'error' : ''"
            [nzErrorTip]="err('vendorTies')"
            [nzExtra]="t('ro.expertForm.vendorsHint')"
          >
            <nz-select
              nzMode="tags"
              [formControl]="form.controls.vendorTies"
              [nzTokenSeparators]="[',', '，', ';', '；']"
              [nzPlaceHolder]="t('ro.vendorsPlaceholder')"
              data-testid="expert-vendors"
            ></nz-select>
          </nz-form-control>
        </nz-form-item>
        <nz-form-item>
          <nz-form-label>{{ t('ro.expertForm.active') }}</nz-form-label>
          <nz-form-control>
            <nz-switch [formControl]="form.controls.active" data-testid="expert-active" />
          </nz-form-control>
        </nz-form-item>
      </div>
    </lib-form-drawer>
  `,
  styles: `
    .row2 {
      display: grid;
      grid-template-columns: repeat(2, minmax(0, 1fr));
      gap: 12px;
    }
    .fixed {
      line-height: 32px;
    }
    .small {
      font-size: 12px;
    }
  `,
})
export class ExpertForm {
  private readonly api = inject(ReviewOfficeApi);
  private readonly orgApi = inject(OrgApiService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  readonly open = input(false);
  /** the profile to edit (null: a new one) */
  readonly expert = input<ExpertView | null>(null);
  readonly saved = output<ExpertView>();
  readonly closed = output<void>();

  protected readonly pools = EXPERT_POOLS;
  protected readonly specialties = SPECIALTIES;
  protected readonly busy = signal(false);
  protected readonly serverError = signal<string | null>(null);
  private readonly serverFields = signal<Record<string, string>>({});
  private readonly tried = signal(false);
  protected readonly treeNodes = signal<NzTreeNodeOptions[]>([]);
  protected readonly users = signal<ExpertCandidate[]>([]);
  protected readonly usersLoading = signal(false);
  protected readonly usersError = signal<string | null>(null);
  private userSearch = 0;

  protected readonly form = inject(NonNullableFormBuilder).group({
    userId: [''],
    name: [''],
    title: [''],
    affiliationOrgId: [''],
    pools: [['qualitative'] as ExpertPool[]],
    specialties: [[] as Specialty[]],
    vendorTies: [[] as string[]],
    active: [true],
  });
  protected readonly value = signal<ExpertFormValue>(this.form.getRawValue());
  private readonly problems = computed(() => expertFormProblems(this.value(), !this.expert()));

  protected readonly poolLabel = (p: ExpertPool) => labelOf(EXPERT_POOL_LABELS, p, this.i18n.isZh());
  protected readonly specialtyLabel = (s: Specialty) => labelOf(SPECIALTY_LABELS, s, this.i18n.isZh());

  constructor() {
    const subs = [
      this.form.valueChanges.subscribe(() => {
        this.value.set(this.form.getRawValue());
        if (Object.keys(this.serverFields()).length) this.serverFields.set({});
      }),
      this.form.controls.userId.valueChanges.subscribe((id) => void this.onUser(id)),
    ];
    inject(DestroyRef).onDestroy(() => subs.forEach((s) => s.unsubscribe()));
    effect(() => {
      if (!this.open()) return;
      untracked(() => void this.reset());
    });
  }

  protected err(field: ExpertField): string {
    const p = this.tried() || this.form.controls[field].dirty ? this.problems()[field] : undefined;
    if (p === 'tooLong') return this.t('ro.form.tooLong', { max: 100 });
    if (p) return this.t(PROBLEM_KEYS[p]);
    return this.serverFields()[field] ?? '';
  }

  protected toggle(field: 'pools' | 'specialties', v: string, on: boolean): void {
    const c = this.form.controls[field];
    const all: readonly string[] = field === 'pools' ? EXPERT_POOLS : SPECIALTIES;
    const set = new Set<string>(c.value as readonly string[]);
    if (on) set.add(v);
    else set.delete(v);
    c.setValue(all.filter((x) => set.has(x)) as never);
    c.markAsDirty();
  }

  private async reset(): Promise<void> {
    this.serverError.set(null);
    this.serverFields.set({});
    this.tried.set(false);
    const e = this.expert();
    this.form.reset(
      e
        ? {
            userId: e.userId,
            name: e.name,
            title: e.title,
            affiliationOrgId: e.affiliation.id,
            pools: e.pools,
            specialties: e.specialties,
            vendorTies: e.vendorTies,
            active: e.active,
          }
        : {},
      { emitEvent: false },
    );
    this.value.set(this.form.getRawValue());
    try {
      this.treeNodes.set(await this.orgApi.treeTo(e?.affiliation.id ?? null));
    } catch (err) {
      this.serverError.set(errorMessage(err, this.t));
    }
    if (!e) void this.searchUsers('');
  }

  /** Users with the expert role, by name (the latest search wins). */
  async searchUsers(q: string): Promise<void> {
    const n = ++this.userSearch;
    this.usersLoading.set(true);
    try {
      const page = await this.api.expertUsers(q);
      if (n !== this.userSearch) return;
      this.users.set(page);
      this.usersError.set(null);
    } catch (err) {
      if (n !== this.userSearch) return;
      this.usersError.set(
        err instanceof HttpErrorResponse && err.status === 403
          ? this.t('ro.expertForm.usersForbidden')
          : errorMessage(err, this.t),
      );
    } finally {
      if (n === this.userSearch) this.usersLoading.set(false);
    }
  }

  /** A user picked: its name and organisation fill the profile where nothing was typed yet. */
  private async onUser(id: string): Promise<void> {
    const u = this.users().find((x) => x.id === id);
    if (!u || this.expert()) return;
    if (!this.form.controls.name.value.trim()) this.form.controls.name.setValue(u.displayName);
    if (!this.form.controls.affiliationOrgId.value && u.organisation) {
      try {
        this.treeNodes.set(await this.orgApi.treeTo(u.organisation.id));
        this.form.controls.affiliationOrgId.setValue(u.organisation.id);
      } catch {
        // the affiliation stays to pick by hand
      }
    }
  }

  async onExpand(e: NzFormatEmitEvent): Promise<void> {
    const node = e.node;
    if (!node || node.getChildren().length > 0 || node.isLeaf) return;
    try {
      const children = await this.orgApi.children(node.key);
      if (children.length === 0) node.isLeaf = true;
      else node.addChildren(children.map(orgTreeNode));
    } catch (err) {
      this.serverError.set(errorMessage(err, this.t));
    }
  }

  async submit(): Promise<void> {
    this.tried.set(true);
    const v = this.form.getRawValue();
    this.value.set(v);
    const editing = this.expert();
    if (Object.keys(expertFormProblems(v, !editing)).length) return;
    const body = {
      name: v.name.trim(),
      title: v.title.trim(),
      affiliationOrgId: v.affiliationOrgId,
      pools: v.pools,
      specialties: v.specialties,
      vendorTies: cleanTags(v.vendorTies),
      active: v.active,
    };
    this.busy.set(true);
    this.serverError.set(null);
    try {
      this.saved.emit(
        editing ? await this.api.updateExpert(editing.id, body) : await this.api.createExpert(v.userId, body),
      );
    } catch (err) {
      // the typed values stay
      this.serverError.set(errorMessage(err, this.t));
      this.serverFields.set(fieldErrors(err, this.t));
    } finally {
      this.busy.set(false);
    }
  }
}

interface ExpertFilters {
  q: string;
  specialty: Specialty | null;
  pool: ExpertPool | null;
}

/** 专家库: the expert pool, searched by name or affiliation and filtered by specialty and pool; the office keeps it. */
@Component({
  selector: 'lib-experts-page',
  imports: [
    FormsModule,
    NzButtonModule,
    NzCardModule,
    NzIconModule,
    NzSelectModule,
    NzTableModule,
    NzTagModule,
    FilterBar,
    PagedTable,
    ExpertForm,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nz-card [nzTitle]="t('ro.experts')" [nzExtra]="extra" nzSize="small">
      <lib-filter-bar
        [placeholder]="t('ro.searchExperts')"
        searchTestId="experts-search"
        (searched)="list.setFilter('q', $event)"
        (cleared)="list.reset()"
      >
        <nz-select
          class="w-180"
          nzAllowClear
          [nzPlaceHolder]="t('ro.allSpecialties')"
          [ngModel]="list.filters().specialty"
          (ngModelChange)="list.setFilter('specialty', $event ?? null)"
          data-testid="experts-specialty"
        >
          @for (s of specialties; track s) {
            <nz-option [nzValue]="s" [nzLabel]="specialtyLabel(s)" />
          }
        </nz-select>
        <nz-select
          class="w-180"
          nzAllowClear
          [nzPlaceHolder]="t('ro.allPools')"
          [ngModel]="list.filters().pool"
          (ngModelChange)="list.setFilter('pool', $event ?? null)"
          data-testid="experts-pool"
        >
          @for (p of pools; track p) {
            <nz-option [nzValue]="p" [nzLabel]="poolLabel(p)" />
          }
        </nz-select>
      </lib-filter-bar>
      @if (list.errorMessage(); as message) {
        <div class="load-error" data-testid="experts-error">{{ message }}</div>
      }
      <nz-table
        #table
        nzSize="middle"
        data-testid="experts-table"
        [libPagedTable]="list"
        [libEmpty]="filtered() ? t('ro.expertsEmptyFiltered') : t('ro.expertsEmpty')"
        libEmptyTestId="experts-empty"
        [nzScroll]="{ x: '1100px' }"
      >
        <thead>
          <tr>
            <th nzWidth="160px">{{ t('ro.expertForm.name') }}</th>
            <th nzWidth="140px">{{ t('ro.expertForm.title') }}</th>
            <th>{{ t('ro.affiliation') }}</th>
            <th nzWidth="180px">{{ t('ro.pools') }}</th>
            <th nzWidth="240px">{{ t('ro.specialties') }}</th>
            <th nzWidth="180px">{{ t('ro.vendorTies') }}</th>
            <th nzWidth="80px">{{ t('ro.status') }}</th>
            @if (canEdit()) {
              <th nzWidth="80px">{{ t('common.actions') }}</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (e of table.data; track e.id) {
            <tr data-testid="experts-row" [attr.data-name]="e.name" [attr.data-active]="e.active">
              <td>
                <div>{{ e.name }}</div>
                <div class="muted small">{{ e.username }}</div>
              </td>
              <td>{{ e.title || '—' }}</td>
              <td>{{ e.affiliation.name }}</td>
              <td>
                @for (p of e.pools; track p) {
                  <nz-tag [nzColor]="p === 'qualitative' ? 'cyan' : 'geekblue'">{{ poolLabel(p) }}</nz-tag>
                }
              </td>
              <td>
                <div class="tags">
                  @for (s of e.specialties; track s) {
                    <nz-tag>{{ specialtyLabel(s) }}</nz-tag>
                  } @empty {
                    <span class="muted">—</span>
                  }
                </div>
              </td>
              <td>
                <div class="tags">
                  @for (v of e.vendorTies; track v) {
                    <nz-tag>{{ v }}</nz-tag>
                  } @empty {
                    <span class="muted">—</span>
                  }
                </div>
              </td>
              <td>
                @if (e.active) {
                  <nz-tag nzColor="green">{{ t('ro.active') }}</nz-tag>
                } @else {
                  <nz-tag>{{ t('ro.inactive') }}</nz-tag>
                }
              </td>
              @if (canEdit()) {
                <td>
                  <button
                    nz-button
                    nzType="link"
                    nzSize="small"
                    type="button"
                    (click)="edit(e)"
                    data-testid="expert-edit"
                  >
                    {{ t('common.edit') }}
                  </button>
                </td>
              }
            </tr>
          }
        </tbody>
      </nz-table>
    </nz-card>
    <ng-template #extra>
      @if (canEdit()) {
        <button nz-button nzType="primary" type="button" (click)="create()" data-testid="expert-new">
          <nz-icon nzType="plus" />{{ t('ro.newExpert') }}
        </button>
      }
    </ng-template>
    @if (canEdit()) {
      <lib-expert-form
        [open]="formOpen()"
        [expert]="editing()"
        (saved)="onSaved($event)"
        (closed)="formOpen.set(false); editing.set(null)"
      />
    }
  `,
  styles: `
    .tags {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 0;
    }
    .small {
      font-size: 12px;
    }
  `,
})
export class ExpertsPage {
  private readonly api = inject(ReviewOfficeApi);
  private readonly message = inject(NzMessageService);
  private readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  protected readonly pools = EXPERT_POOLS;
  protected readonly specialties = SPECIALTIES;
  protected readonly canEdit = computed(() => ['coordinator', 'admin'].includes(this.auth.role() ?? ''));
  protected readonly formOpen = signal(false);
  protected readonly editing = signal<ExpertView | null>(null);

  protected readonly list = pagedList<ExpertFilters, never, ExpertView>({
    filters: { q: '', specialty: null, pool: null },
    pageSize: 20,
    loader: ({ filters, page, pageSize }) => this.api.experts({ ...filters, page, pageSize }),
  });
  protected readonly filtered = computed(() => {
    const f = this.list.filters();
    return !!(f.q || f.specialty || f.pool);
  });

  protected readonly poolLabel = (p: ExpertPool) => labelOf(EXPERT_POOL_LABELS, p, this.i18n.isZh());
  protected readonly specialtyLabel = (s: Specialty) => labelOf(SPECIALTY_LABELS, s, this.i18n.isZh());

  protected create(): void {
    this.editing.set(null);
    this.formOpen.set(true);
  }

  protected edit(e: ExpertView): void {
    this.editing.set(e);
    this.formOpen.set(true);
  }

  protected onSaved(e: ExpertView): void {
    const edited = this.editing() !== null;
    this.formOpen.set(false);
    this.editing.set(null);
    this.message.success(this.t(edited ? 'ro.expertUpdated' : 'ro.expertCreated', { name: e.name }));
    this.list.reload();
  }
}
