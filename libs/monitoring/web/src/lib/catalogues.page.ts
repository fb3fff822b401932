import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule, NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import type { CatalogueSummary, CountsKind, RequirementView } from '@hutong/monitoring-model';
import { AuthService, I18nService, apiErrorOf, errorMessage, formatDateTime } from '@hutong/platform-web';
import { loadResource } from '@hutong/platform-web/ui';
import { FormDrawer } from '@hutong/platform-web/ui-forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule, NzModalService } from 'ng-zorro-antd/modal';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { NzTreeSelectModule } from 'ng-zorro-antd/tree-select';
import { MonitoringApi } from './monitoring-api';
import { MonitoringState } from './monitoring-state';
import {
  CATALOGUE_NAME_MAX,
  CATALOGUE_NOTE_MAX,
  CATALOGUE_TABLES_MAX,
  COUNTS_KINDS,
  catalogueHeaderProblems,
  groupByDomain,
  parseTableLines,
  problemText,
  refusedProblems,
  regionTree,
  tableProblems,
  tablesOfRows,
  versionChange,
  type CatalogueHeader,
  type EditableTable,
  type TableField,
} from './monitoring-logic';

/** What the editor opens on: a new catalogue, or the next version of one (from the version shown). */
export interface CatalogueDraft {
  /** null: a new catalogue */
  base: CatalogueSummary | null;
  /** the version the save writes */
  nextVersion: number;
}

interface Row extends EditableTable {
  id: number;
}

/**
 * The catalogue editor (admins): 新建目录 (key, name, note) or 编辑为新版本 — the tables as an editable table (add,
 * remove, change domain, code, name, counts), lines pasted from a spreadsheet, the model's problems on the cells,
 * and a confirmation of the version it writes. A refusal keeps what was typed.
 */
@Component({
  selector: 'lib-catalogue-editor',
  imports: [
    FormsModule,
    ReactiveFormsModule,
    FormDrawer,
    NzAlertModule,
    NzButtonModule,
    NzFormModule,
    NzIconModule,
    NzInputModule,
    NzSelectModule,
    NzTableModule,
  ],
  providers: [NzModalService],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .block {
      display: block;
      margin-bottom: 12px;
    }
    .paste textarea {
      font-family: monospace;
      font-size: 12px;
    }
    .row-actions {
      display: flex;
      gap: 8px;
      align-items: center;
      margin: 8px 0 12px;
    }
    .cell-error {
      color: #cf1322;
      font-size: 12px;
    }
    .code {
      font-family: monospace;
    }
  `,
  template: `
    <lib-form-drawer
      [open]="open()"
      [width]="1040"
      [title]="title()"
      [form]="form"
      [busy]="busy()"
      [error]="serverError()"
      errorTestId="catalogue-error"
      saveTestId="catalogue-save"
      [saveText]="t('mon.cat.saveVersion', { n: draft()?.nextVersion ?? 1 })"
      (save)="submit()"
      (closed)="closed.emit()"
    >
      <div nz-form nzLayout="vertical" data-testid="catalogue-form">
        @if (refused().length) {
          <ul class="block cell-error" data-testid="catalogue-refused">
            @for (p of refused(); track $index) {
              <li>{{ p }}</li>
            }
          </ul>
        }
        @if (isNew()) {
          <nz-form-item>
            <nz-form-label nzRequired nzFor="cat-key">{{ t('mon.cat.key') }}</nz-form-label>
            <nz-form-control
              [nzValidateStatus]="headerErr('key') ? 'error' : ''"
              [nzErrorTip]="headerErr('key')"
              [nzExtra]="t('mon.cat.keyHint')"
            >
              <input nz-input id="cat-key" [formControl]="form.controls.key" data-testid="catalogue-key" />
            </nz-form-control>
          </nz-form-item>
        }
        <nz-form-item>
          <nz-form-label nzRequired nzFor="cat-name">{{ t('mon.cat.name') }}</nz-form-label>
          <nz-form-control [nzValidateStatus]="headerErr('name') ? 'error' : ''" [nzErrorTip]="headerErr('name')">
            <input nz-input id="cat-name" [formControl]="form.controls.name" data-testid="catalogue-name" />
          </nz-form-control>
        </nz-form-item>
        <nz-form-item>
          <nz-form-label nzFor="cat-note">{{ t('mon.cat.note') }}</nz-form-label>
          <nz-form-control
            [nzValidateStatus]="headerErr('note') ? 'error' : ''"
            [nzErrorTip]="headerErr('note')"
            [nzExtra]="t('mon.cat.noteHint')"
          >
            <textarea
              nz-input
              id="cat-note"
              rows="2"
              [formControl]="form.controls.note"
              data-testid="catalogue-note"
            ></textarea>
          </nz-form-control>
        </nz-form-item>

        <nz-form-item class="paste">
          <nz-form-label nzFor="cat-paste">{{ t('mon.cat.paste') }}</nz-form-label>
          <nz-form-control [nzExtra]="t('mon.cat.pasteHint')">
            <textarea
              nz-input
              id="cat-paste"
              rows="3"
              [ngModel]="pasted()"
              (ngModelChange)="pasted.set($event)"
              [placeholder]="t('mon.cat.pastePlaceholder')"
              data-testid="catalogue-paste"
            ></textarea>
          </nz-form-control>
        </nz-form-item>
        <div class="row-actions">
          <button
            nz-button
            type="button"
            [disabled]="!pasted().trim()"
            (click)="applyPaste(false)"
            data-testid="catalogue-paste-append"
          >
            {{ t('mon.cat.pasteAppend') }}
          </button>
          <button
            nz-button
            type="button"
            [disabled]="!pasted().trim()"
            (click)="applyPaste(true)"
            data-testid="catalogue-paste-replace"
          >
            {{ t('mon.cat.pasteReplace') }}
          </button>
          @if (pasteNote(); as n) {
            <span class="muted" data-testid="catalogue-paste-result">{{ n }}</span>
          }
        </div>

        @if (shownGlobal().length) {
          <nz-alert
            nzType="error"
            nzShowIcon
            class="block"
            [nzMessage]="shownGlobal().join('；')"
            data-testid="catalogue-problems"
          />
        }
        <div class="muted block">{{ t('mon.cat.editCount', { n: rows().length }) }}</div>
        <nz-table nzSize="small" nzTemplateMode data-testid="catalogue-edit-table" [nzScroll]="{ x: '960px' }">
          <thead>
            <tr>
              <th nzWidth="48px">#</th>
              <th nzWidth="170px">{{ t('mon.cat.domain') }}</th>
              <th nzWidth="220px">{{ t('mon.cat.code') }}</th>
              <th>{{ t('mon.cat.tableName') }}</th>
              <th nzWidth="150px">{{ t('mon.cat.counts') }}</th>
              <th nzWidth="60px"></th>
            </tr>
          </thead>
          <tbody>
            @for (r of rows(); track r.id; let i = $index) {
              <tr data-testid="catalogue-edit-row" [attr.data-code]="r.code">
                <td class="muted">{{ i + 1 }}</td>
                <td>
                  <input
                    nz-input
                    nzSize="small"
                    [nzStatus]="cellErr(i, 'domain') ? 'error' : ''"
                    [ngModel]="r.domain"
                    (ngModelChange)="edit(r.id, 'domain', $event)"
                    [attr.aria-label]="t('mon.cat.domain')"
                    data-testid="catalogue-edit-domain"
                  />
                  @if (cellErr(i, 'domain'); as e) {
                    <div class="cell-error">{{ e }}</div>
                  }
                </td>
                <td>
                  <input
                    nz-input
                    nzSize="small"
                    class="code"
                    [nzStatus]="cellErr(i, 'code') ? 'error' : ''"
                    [ngModel]="r.code"
                    (ngModelChange)="edit(r.id, 'code', $event)"
                    [attr.aria-label]="t('mon.cat.code')"
                    data-testid="catalogue-edit-code"
                  />
                  @if (cellErr(i, 'code'); as e) {
                    <div class="cell-error" data-testid="catalogue-cell-error">{{ e }}</div>
                  }
                </td>
                <td>
                  <input
                    nz-input
                    nzSize="small"
                    [nzStatus]="cellErr(i, 'name') ? 'error' : ''"
                    [ngModel]="r.name"
                    (ngModelChange)="edit(r.id, 'name', $event)"
                    [attr.aria-label]="t('mon.cat.tableName')"
                    data-testid="catalogue-edit-name"
                  />
                  @if (cellErr(i, 'name'); as e) {
                    <div class="cell-error">{{ e }}</div>
                  }
                </td>
                <td>
                  <nz-select
                    nzSize="small"
                    style="width: 100%"
                    nzAllowClear
                    [nzStatus]="cellErr(i, 'counts') ? 'error' : ''"
                    [nzPlaceHolder]="t('mon.cat.countsNone')"
                    [ngModel]="r.counts"
                    (ngModelChange)="edit(r.id, 'counts', $event ?? null)"
                    data-testid="catalogue-edit-counts"
                  >
                    @for (k of countsKinds; track k) {
                      <nz-option [nzValue]="k" [nzLabel]="countsLabel(k)" />
                    }
                  </nz-select>
                  @if (cellErr(i, 'counts'); as e) {
                    <div class="cell-error">{{ e }}</div>
                  }
                </td>
                <td>
                  <button
                    nz-button
                    nzType="link"
                    nzDanger
                    nzSize="small"
                    type="button"
                    (click)="remove(r.id)"
                    [attr.aria-label]="t('common.delete')"
                    data-testid="catalogue-edit-remove"
                  >
                    <nz-icon nzType="delete" />
                  </button>
                </td>
              </tr>
            }
          </tbody>
        </nz-table>
        <div class="row-actions">
          <button nz-button nzType="dashed" type="button" (click)="add()" data-testid="catalogue-edit-add">
            <nz-icon nzType="plus" />{{ t('mon.cat.addTable') }}
          </button>
        </div>
      </div>
    </lib-form-drawer>
  `,
})
export class CatalogueEditor {
  private readonly api = inject(MonitoringApi);
  private readonly modal = inject(NzModalService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  readonly open = input(false);
  readonly draft = input<CatalogueDraft | null>(null);
  /** the catalogues' keys (a new one takes another) */
  readonly takenKeys = input<readonly string[]>([]);
  readonly saved = output<CatalogueSummary>();
  readonly closed = output<void>();

  protected readonly countsKinds = COUNTS_KINDS;
  protected readonly isNew = computed(() => !this.draft()?.base);
  protected readonly title = computed(() => {
    const d = this.draft();
    return d?.base ? this.t('mon.cat.editTitle', { name: d.base.name, n: d.nextVersion }) : this.t('mon.cat.newTitle');
  });
  protected readonly form = inject(NonNullableFormBuilder).group({ key: [''], name: [''], note: [''] });
  private readonly header = signal<CatalogueHeader>(this.form.getRawValue());
  protected readonly rows = signal<Row[]>([]);
  protected readonly pasted = signal('');
  protected readonly pasteNote = signal<string | null>(null);
  protected readonly busy = signal(false);
  protected readonly serverError = signal<string | null>(null);
  protected readonly refused = signal<string[]>([]);
  private readonly tried = signal(false);
  /** rows typed into or pasted: their problems show at once */
  private readonly touched = signal<ReadonlySet<number>>(new Set());
  private nextId = 1;

  private readonly problems = computed(() => tableProblems(this.rows()));
  private readonly headerProblems = computed(() => {
    const p = catalogueHeaderProblems(this.header(), this.takenKeys());
    // the key of a new version is the catalogue's own
    if (!this.isNew()) delete p.key;
    return p;
  });
  protected readonly shownGlobal = computed(() => {
    if (!this.tried()) return [];
    const out = this.problems().global.map((c) => this.problem(c));
    const cells = this.problems().rows.reduce((n, r) => n + Object.keys(r).length, 0);
    if (cells) out.push(this.t('mon.cat.fixCells', { n: cells }));
    if (this.rows().length > CATALOGUE_TABLES_MAX)
      out.push(this.t('mon.cat.tooManyTables', { max: CATALOGUE_TABLES_MAX }));
    return out;
  });

  protected readonly countsLabel = (k: CountsKind) => this.t(`mon.cat.counts.${k}`);

  constructor() {
    const sub = this.form.valueChanges.subscribe(() => this.header.set(this.form.getRawValue()));
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
    effect(() => {
      if (!this.open()) return;
      const d = this.draft();
      untracked(() => {
        const base = d?.base ?? null;
        this.form.reset({ key: base?.key ?? '', name: base?.name ?? '', note: base?.note ?? '' });
        this.header.set(this.form.getRawValue());
        this.rows.set(
          (base?.tables ?? []).map((tb) => ({
            id: this.nextId++,
            domain: tb.domain,
            code: tb.code,
            name: tb.name,
            counts: tb.counts ?? null,
          })),
        );
        if (!base) this.rows.set([this.blankRow()]);
        this.pasted.set('');
        this.pasteNote.set(null);
        this.tried.set(false);
        this.touched.set(new Set());
        this.serverError.set(null);
        this.refused.set([]);
      });
    });
  }

  /**
   * A cell's problem: once its row was typed into or pasted, or 保存 tried; a repeated code or a second table
   * counting the same shows on every row it involves as soon as anything changed.
   */
  protected cellErr(i: number, field: TableField): string | null {
    const code = this.problems().rows[i]?.[field];
    if (!code) return null;
    const id = this.rows()[i]?.id ?? -1;
    const relational = code === 'monitoring.table_duplicate' || code === 'monitoring.counts_ambiguous';
    if (!this.tried() && !this.touched().has(id) && !(relational && this.form.dirty)) return null;
    return this.problem(code);
  }

  protected headerErr(field: keyof CatalogueHeader): string {
    const c = this.form.controls[field];
    const p = this.tried() || c.dirty ? this.headerProblems()[field] : undefined;
    if (p === 'required') return this.t('common.required');
    if (p === 'keyFormat') return this.t('mon.cat.keyFormat');
    if (p === 'keyTaken') return this.t('mon.cat.keyTaken');
    if (p === 'tooLong')
      return this.t('mon.tooLong', { max: field === 'note' ? CATALOGUE_NOTE_MAX : CATALOGUE_NAME_MAX });
    return '';
  }

  private problem(code: string): string {
    return problemText(code, (c) => this.t.message?.(c) ?? null);
  }

  private blankRow(): Row {
    return { id: this.nextId++, domain: '', code: '', name: '', counts: null };
  }

  private changed(...touched: number[]): void {
    this.form.markAsDirty();
    this.refused.set([]);
    if (touched.length) this.touched.update((s) => new Set([...s, ...touched]));
  }

  protected edit(id: number, field: TableField, value: string | CountsKind | null): void {
    this.rows.update((rows) =>
      rows.map((r) => {
        if (r.id !== id) return r;
        if (field === 'counts') return { ...r, counts: (value || null) as CountsKind | null };
        return { ...r, [field]: field === 'code' ? String(value ?? '').toUpperCase() : String(value ?? '') };
      }),
    );
    this.changed(id);
  }

  protected add(): void {
    const last = this.rows().at(-1);
    this.rows.update((rows) => [...rows, { ...this.blankRow(), domain: last?.domain ?? '' }]);
    this.changed();
  }

  protected remove(id: number): void {
    this.rows.update((rows) => rows.filter((r) => r.id !== id));
    this.changed();
  }

  protected applyPaste(replace: boolean): void {
    const { tables, badLines } = parseTableLines(this.pasted());
    const added: Row[] = tables.map((tb) => ({
      id: this.nextId++,
      domain: tb.domain,
      code: tb.code,
      name: tb.name,
      counts: tb.counts ?? null,
    }));
    // a blank row left by 新建 is replaced by what was pasted
    const kept = replace ? [] : this.rows().filter((r) => r.code.trim() || r.name.trim());
    this.rows.set([...kept, ...added]);
    this.changed(...added.map((r) => r.id));
    this.pasteNote.set(
      badLines.length
        ? this.t('mon.cat.pastedWithBad', { n: added.length, lines: badLines.join('、') })
        : this.t('mon.cat.pasted', { n: added.length }),
    );
    if (!badLines.length) this.pasted.set('');
  }

  submit(): void {
    this.tried.set(true);
    const d = this.draft();
    if (!d) return;
    const h = this.form.getRawValue();
    this.header.set(h);
    if (Object.keys(this.headerProblems()).length) return;
    if (this.problems().all.length || this.rows().length > CATALOGUE_TABLES_MAX) return;
    const key = d.base?.key ?? h.key.trim();
    const tables = tablesOfRows(this.rows());
    this.modal.confirm({
      nzTitle: this.t('mon.cat.confirmTitle', { n: d.nextVersion }),
      nzContent: this.t('mon.cat.confirmText', { n: d.nextVersion, tables: tables.length }),
      nzOkText: this.t('common.save'),
      nzCancelText: this.t('common.cancel'),
      nzOnOk: async () => {
        this.busy.set(true);
        this.serverError.set(null);
        this.refused.set([]);
        try {
          const saved = await this.api.saveCatalogue({ key, name: h.name.trim(), note: h.note.trim(), tables });
          this.form.markAsPristine();
          this.saved.emit(saved);
        } catch (err) {
          // the drawer keeps what was typed
          const problems = refusedProblems(err);
          this.serverError.set(problems ? this.t('mon.cat.refused') : errorMessage(err, this.t));
          this.refused.set((problems ?? []).map((p) => this.problem(p)));
        } finally {
          this.busy.set(false);
        }
      },
    });
  }
}

/**
 * 上传表目录: the table catalogues (name, key, version, tables, note), a catalogue's tables by business domain with a
 * filter, its versions (an older one viewed), the admin's 编辑为新版本 and 新建目录; 上传要求: which catalogue a region
 * requires and where that was set, which the coordinator and the admin change for the region's subtree.
 */
@Component({
  selector: 'lib-monitoring-catalogues-page',
  imports: [
    FormsModule,
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzSelectModule,
    NzTableModule,
    NzTagModule,
    NzTreeSelectModule,
    CatalogueEditor,
  ],
  providers: [NzModalService],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .block {
      display: block;
      margin-bottom: 16px;
    }
    .columns {
      display: grid;
      grid-template-columns: minmax(0, 2fr) minmax(280px, 1fr);
      gap: 16px;
      margin-bottom: 16px;
    }
    @media (max-width: 1100px) {
      .columns {
        grid-template-columns: 1fr;
      }
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px;
      margin-bottom: 12px;
    }
    .filter {
      width: 260px;
    }
    .scope {
      width: 280px;
      max-width: 100%;
    }
    .picker {
      width: 360px;
      max-width: 100%;
    }
    .cat-name {
      color: #1677ff;
    }
    tr.group td {
      background: #fafafa;
      font-weight: 600;
    }
    tr.selected td {
      background: #e6f4ff;
    }
    .code {
      font-family: monospace;
      font-size: 12px;
    }
    .small {
      font-size: 12px;
    }
    .note {
      white-space: pre-line;
    }
  `,
  template: `
    <nz-card [nzTitle]="t('mon.cat.title')" [nzExtra]="listExtra" nzSize="small" class="block">
      <p class="muted">{{ t('mon.cat.intro') }}</p>
      @if (load.errorMessage(); as m) {
        <div class="load-error" data-testid="catalogues-error">{{ m }}</div>
      }
      <nz-table
        #list
        nzSize="middle"
        data-testid="catalogues-table"
        [nzData]="catalogues()"
        [nzLoading]="load.loading()"
        [nzPageSize]="50"
        [nzHideOnSinglePage]="true"
        [nzNoResult]="emptyTpl"
        [nzScroll]="{ x: '900px' }"
      >
        <thead>
          <tr>
            <th>{{ t('mon.cat.name') }}</th>
            <th nzWidth="160px">{{ t('mon.cat.key') }}</th>
            <th nzWidth="90px">{{ t('mon.cat.version') }}</th>
            <th nzWidth="90px" nzAlign="right">{{ t('mon.cat.tables') }}</th>
            <th nzWidth="170px">{{ t('mon.cat.updatedAt') }}</th>
          </tr>
        </thead>
        <tbody>
          @for (c of list.data; track c.key) {
            <tr
              class="clickable"
              [class.selected]="c.key === selectedKey()"
              (click)="select(c.key)"
              data-testid="catalogue-row"
              [attr.data-key]="c.key"
            >
              <td>
                <span class="cat-name">{{ c.name }}</span>
                @if (c.note) {
                  <div class="muted small note" data-testid="catalogue-note-line">{{ c.note }}</div>
                }
              </td>
              <td class="code">{{ c.key }}</td>
              <td>{{ t('mon.bul.versionN', { n: c.version }) }}</td>
              <td nzAlign="right">{{ c.tables.length }}</td>
              <td class="nowrap">{{ when(c.createdAt) }}</td>
            </tr>
          }
        </tbody>
      </nz-table>
    </nz-card>

    @if (shown(); as c) {
      <div class="columns">
        <nz-card [nzTitle]="shownTitle()" [nzExtra]="detailExtra" nzSize="small" data-testid="catalogue-detail">
          @if (!isLatestShown()) {
            <nz-alert
              nzType="warning"
              nzShowIcon
              class="block"
              [nzMessage]="t('mon.cat.olderVersion', { n: c.version, latest: latestVersion() })"
              data-testid="catalogue-older"
            />
          }
          @if (c.note) {
            <nz-alert nzType="info" nzShowIcon class="block note" [nzMessage]="c.note" data-testid="catalogue-note" />
          }
          <div class="toolbar">
            <nz-input-wrapper class="filter" nzAllowClear>
              <nz-icon nzInputPrefix nzType="search" />
              <input
                nz-input
                [ngModel]="filter()"
                (ngModelChange)="filter.set($event)"
                [placeholder]="t('mon.cat.filter')"
                [attr.aria-label]="t('mon.cat.filter')"
                data-testid="catalogue-filter"
              />
            </nz-input-wrapper>
            <span class="muted" data-testid="catalogue-counts">
              {{ t('mon.cat.summary', { tables: shownCount(), all: c.tables.length, domains: groups().length }) }}
            </span>
          </div>
          <nz-table nzSize="small" nzTemplateMode data-testid="catalogue-tables" [nzScroll]="{ x: '640px' }">
            <thead>
              <tr>
                <th nzWidth="220px">{{ t('mon.cat.code') }}</th>
                <th>{{ t('mon.cat.tableName') }}</th>
                <th nzWidth="130px">{{ t('mon.cat.counts') }}</th>
              </tr>
            </thead>
            <tbody>
              @for (g of groups(); track g.domain) {
                <tr class="group" data-testid="catalogue-domain" [attr.data-domain]="g.domain">
                  <td colspan="3">
                    {{ g.domain }}
                    <span class="muted small">（{{ t('mon.cat.nTables', { n: g.tables.length }) }}）</span>
                  </td>
                </tr>
                @for (tb of g.tables; track tb.code) {
                  <tr data-testid="catalogue-table-row" [attr.data-code]="tb.code">
                    <td class="code">{{ tb.code }}</td>
                    <td>{{ tb.name }}</td>
                    <td>
                      @if (tb.counts) {
                        <nz-tag nzColor="blue">{{ countsLabel(tb.counts) }}</nz-tag>
                      }
                    </td>
                  </tr>
                }
              } @empty {
                <tr>
                  <td colspan="3">
                    <nz-empty [nzNotFoundContent]="t('mon.cat.noMatch')" data-testid="catalogue-no-match" />
                  </td>
                </tr>
              }
            </tbody>
          </nz-table>
        </nz-card>

        <nz-card [nzTitle]="t('mon.cat.versions')" nzSize="small" data-testid="catalogue-versions">
          @if (versionsLoad.errorMessage(); as m) {
            <div class="load-error">{{ m }}</div>
          }
          <nz-table
            #versions
            nzSize="small"
            [nzData]="versionRows()"
            [nzLoading]="versionsLoad.loading()"
            [nzPageSize]="20"
            [nzHideOnSinglePage]="true"
          >
            <thead>
              <tr>
                <th nzWidth="80px">{{ t('mon.cat.version') }}</th>
                <th>{{ t('mon.cat.date') }}</th>
                <th nzAlign="right">{{ t('mon.cat.tables') }}</th>
              </tr>
            </thead>
            <tbody>
              @for (v of versions.data; track v.version) {
                <tr
                  class="clickable"
                  [class.selected]="v.version === c.version"
                  (click)="viewVersion(v.version)"
                  data-testid="catalogue-version"
                  [attr.data-version]="v.version"
                >
                  <td>
                    {{ t('mon.bul.versionN', { n: v.version }) }}
                    @if (v.version === latestVersion()) {
                      <nz-tag nzColor="green">{{ t('mon.cat.latest') }}</nz-tag>
                    }
                  </td>
                  <td class="nowrap">
                    {{ when(v.createdAt) }}
                    @if (v.change; as ch) {
                      <div class="muted small">
                        {{ t('mon.cat.change', { added: ch.added, removed: ch.removed, changed: ch.changed }) }}
                      </div>
                    }
                  </td>
                  <td nzAlign="right">{{ v.tables }}</td>
                </tr>
              }
            </tbody>
          </nz-table>
        </nz-card>
      </div>
    }

    <nz-card [nzTitle]="t('mon.cat.requirementTitle')" nzSize="small" data-testid="catalogue-requirement">
      <p class="muted">{{ t('mon.cat.requirementIntro') }}</p>
      <div class="toolbar">
        <nz-tree-select
          class="scope"
          [nzNodes]="tree()"
          nzShowSearch
          [nzDropdownMatchSelectWidth]="false"
          [nzPlaceHolder]="t('mon.scope')"
          [ngModel]="region()"
          (ngModelChange)="pickRegion($event)"
          data-testid="requirement-region"
        />
      </div>
      @if (requirementLoad.loading() && !requirementLoad.value()) {
        <div class="muted">{{ t('mon.loading') }}</div>
      } @else if (requirement(); as r) {
        <nz-alert
          nzType="info"
          nzShowIcon
          class="block"
          [nzMessage]="
            t('mon.requirement', {
              name: r.catalogue.name,
              version: r.catalogue.version,
              tables: r.catalogue.tables.length,
              setOn: r.setOn.name,
            })
          "
          [nzDescription]="
            r.setOn.id === region() ? t('mon.cat.setHere') : t('mon.cat.inherited', { name: r.setOn.name })
          "
          data-testid="requirement-current"
        />
      } @else if (noCatalogue()) {
        <nz-alert
          nzType="warning"
          nzShowIcon
          class="block"
          [nzMessage]="t('mon.cat.noRequirement')"
          data-testid="requirement-none"
        />
      } @else if (requirementLoad.errorMessage(); as m) {
        <div class="load-error">{{ m }}</div>
      }
      @if (canSetRequirement() && region()) {
        <div class="toolbar">
          <nz-select
            class="picker"
            [nzPlaceHolder]="t('mon.cat.pickCatalogue')"
            [ngModel]="chosenKey()"
            (ngModelChange)="chosenKey.set($event)"
            data-testid="requirement-catalogue"
          >
            @for (c of catalogues(); track c.key) {
              <nz-option [nzValue]="c.key" [nzLabel]="c.name + ' · ' + t('mon.bul.versionN', { n: c.version })" />
            }
          </nz-select>
          <button
            nz-button
            nzType="primary"
            type="button"
            [disabled]="!chosenKey() || settingBusy()"
            [nzLoading]="settingBusy()"
            (click)="confirmRequirement()"
            data-testid="requirement-save"
          >
            {{ t('mon.cat.setRequirement') }}
          </button>
        </div>
      }
      @if (setResult(); as m) {
        <nz-alert nzType="success" nzShowIcon [nzMessage]="m" data-testid="requirement-result" />
      }
      @if (setError(); as m) {
        <nz-alert nzType="error" nzShowIcon [nzMessage]="m" data-testid="requirement-error" />
      }
    </nz-card>

    <ng-template #listExtra>
      @if (isAdmin()) {
        <button nz-button nzType="primary" type="button" (click)="openNew()" data-testid="catalogue-new">
          <nz-icon nzType="plus" />{{ t('mon.cat.new') }}
        </button>
      }
    </ng-template>
    <ng-template #detailExtra>
      @if (isAdmin()) {
        <button nz-button type="button" (click)="openEdit()" data-testid="catalogue-edit">
          <nz-icon nzType="edit" />{{ t('mon.cat.editNew') }}
        </button>
      }
    </ng-template>
    <ng-template #emptyTpl>
      <nz-empty [nzNotFoundContent]="t('mon.cat.none')" data-testid="catalogues-empty" />
    </ng-template>

    <lib-catalogue-editor
      [open]="!!draft()"
      [draft]="draft()"
      [takenKeys]="keys()"
      (saved)="onSaved($event)"
      (closed)="draft.set(null)"
    />
  `,
})
export class CataloguesPage {
  private readonly api = inject(MonitoringApi);
  private readonly auth = inject(AuthService);
  private readonly modal = inject(NzModalService);
  private readonly message = inject(NzMessageService);
  private readonly state = inject(MonitoringState);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  protected readonly isAdmin = computed(() => this.auth.role() === 'admin');
  protected readonly canSetRequirement = computed(() => {
    const r = this.auth.role();
    return r === 'coordinator' || r === 'admin';
  });

  protected readonly load = loadResource({ loader: () => this.api.catalogues() });
  protected readonly catalogues = computed(() => this.load.value() ?? []);
  protected readonly keys = computed(() => this.catalogues().map((c) => c.key));
  /** the catalogue shown: the one picked (while it is listed), else the first */
  protected readonly selectedKey = linkedSignal<CatalogueSummary[], string | null>({
    source: this.catalogues,
    computation: (list, prev) =>
      prev?.value && list.some((c) => c.key === prev.value) ? prev.value : (list[0]?.key ?? null),
  });
  protected readonly versionsLoad = loadResource({
    params: () => this.selectedKey() ?? undefined,
    loader: (key) => this.api.catalogueVersions(key),
  });
  /** the version shown (null: the latest) */
  protected readonly viewedVersion = linkedSignal<string | null, number | null>({
    source: this.selectedKey,
    computation: () => null,
  });
  private readonly latest = computed(() => this.catalogues().find((c) => c.key === this.selectedKey()) ?? null);
  protected readonly latestVersion = computed(() => this.latest()?.version ?? 0);
  protected readonly shown = computed<CatalogueSummary | null>(() => {
    const v = this.viewedVersion();
    if (v === null) return this.latest();
    return (this.versionsLoad.value() ?? []).find((x) => x.version === v) ?? this.latest();
  });
  protected readonly isLatestShown = computed(() => (this.shown()?.version ?? 0) === this.latestVersion());
  protected readonly shownTitle = computed(() => {
    const c = this.shown();
    return c ? `${c.name} · ${this.t('mon.bul.versionN', { n: c.version })}` : '';
  });
  protected readonly filter = linkedSignal<string | null, string>({ source: this.selectedKey, computation: () => '' });
  protected readonly groups = computed(() => groupByDomain(this.shown()?.tables ?? [], this.filter()));
  protected readonly shownCount = computed(() => this.groups().reduce((n, g) => n + g.tables.length, 0));
  protected readonly versionRows = computed(() => {
    const all = this.versionsLoad.value() ?? [];
    return all.map((v, i) => {
      const before = all[i + 1];
      return {
        version: v.version,
        createdAt: v.createdAt,
        tables: v.tables.length,
        change: before ? versionChange(before.tables, v.tables) : null,
      };
    });
  });

  protected readonly draft = signal<CatalogueDraft | null>(null);

  // 上传要求
  private readonly regionsLoad = loadResource({ loader: () => this.api.regions() });
  protected readonly tree = computed(() => {
    const r = this.regionsLoad.value();
    return r ? regionTree(r.regions, r.roots) : [];
  });
  /** the overview's scope, else the user's jurisdiction, else the first root */
  protected readonly region = linkedSignal<string | null>(
    () => this.state.scope() ?? this.auth.me()?.jurisdiction?.id ?? this.regionsLoad.value()?.roots[0] ?? null,
  );
  protected readonly requirementLoad = loadResource({
    params: () => this.region() ?? undefined,
    loader: (id) => this.api.requirement(id),
  });
  protected readonly requirement = computed<RequirementView | null>(() => this.requirementLoad.value() ?? null);
  protected readonly noCatalogue = computed(
    () => apiErrorOf(this.requirementLoad.error())?.code === 'monitoring.no_catalogue',
  );
  protected readonly chosenKey = linkedSignal<string | null>(() => this.requirement()?.catalogue.key ?? null);
  protected readonly settingBusy = signal(false);
  protected readonly setResult = signal<string | null>(null);
  protected readonly setError = signal<string | null>(null);

  protected readonly when = (d: string) => formatDateTime(d, this.i18n.lang());
  protected readonly countsLabel = (k: CountsKind) => this.t(`mon.cat.counts.${k}`);

  protected select(key: string): void {
    this.selectedKey.set(key);
  }

  protected viewVersion(v: number): void {
    this.viewedVersion.set(v === this.latestVersion() ? null : v);
  }

  protected openNew(): void {
    this.draft.set({ base: null, nextVersion: 1 });
  }

  /** the next version, from the version shown (an older one restores it) */
  protected openEdit(): void {
    const c = this.shown();
    if (c) this.draft.set({ base: c, nextVersion: this.latestVersion() + 1 });
  }

  protected onSaved(c: CatalogueSummary): void {
    this.draft.set(null);
    this.message.success(this.t('mon.cat.saved', { name: c.name, n: c.version }));
    this.load.reload();
    this.selectedKey.set(c.key);
    this.viewedVersion.set(null);
    this.versionsLoad.reload();
    this.requirementLoad.reload();
  }

  protected pickRegion(id: string | null): void {
    if (!id || id === this.region()) return;
    this.region.set(id);
    this.setResult.set(null);
    this.setError.set(null);
  }

  protected async confirmRequirement(): Promise<void> {
    const regionId = this.region();
    const key = this.chosenKey();
    if (!regionId || !key) return;
    const catalogue = this.catalogues().find((c) => c.key === key);
    const regionName = this.regionsLoad.value()?.regions.find((r) => r.id === regionId)?.name ?? '';
    this.setResult.set(null);
    this.setError.set(null);
    let institutions: number | null = null;
    try {
      institutions = await this.api.institutionCount(regionId);
    } catch {
      institutions = null;
    }
    this.modal.confirm({
      nzTitle: this.t('mon.cat.setConfirmTitle', { region: regionName }),
      nzContent:
        institutions === null
          ? this.t('mon.cat.setConfirmTextNoCount', { region: regionName, name: catalogue?.name ?? key })
          : this.t('mon.cat.setConfirmText', { region: regionName, n: institutions, name: catalogue?.name ?? key }),
      nzOkText: this.t('mon.cat.setRequirement'),
      nzCancelText: this.t('common.cancel'),
      nzOnOk: async () => {
        this.settingBusy.set(true);
        try {
          const r = await this.api.setRequirement(regionId, key);
          this.requirementLoad.set(r);
          this.setResult.set(
            this.t('mon.cat.setDone', { region: r.setOn.name, name: r.catalogue.name, n: r.catalogue.version }),
          );
        } catch (e) {
          this.setError.set(errorMessage(e, this.t));
        } finally {
          this.settingBusy.set(false);
        }
      },
    });
  }
}
