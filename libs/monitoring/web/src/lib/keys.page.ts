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
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import {
  KEY_SCOPES,
  KEY_SCOPE_LABELS,
  type ApiKeyCreated,
  type ApiKeyView,
  type KeyScope,
} from '@hutong/monitoring-model';
import { I18nService, errorMessage, fieldErrors, formatDateTime } from '@hutong/platform-web';
import { loadResource } from '@hutong/platform-web/ui';
import { FormDrawer } from '@hutong/platform-web/ui-forms';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzCardModule } from 'ng-zorro-antd/card';
import { NzCheckboxModule } from 'ng-zorro-antd/checkbox';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzMessageService } from 'ng-zorro-antd/message';
import { NzModalModule, NzModalService } from 'ng-zorro-antd/modal';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTableModule } from 'ng-zorro-antd/table';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { MonitoringApi, type OrgOption } from './monitoring-api';
import { KEY_NAME_MAX, keyProblems, labelOf, type KeyFormValue } from './monitoring-logic';

/** The "新建接口密钥" drawer: a name, the organisation it reports for (in the jurisdiction), its scopes. */
@Component({
  selector: 'lib-key-form',
  imports: [ReactiveFormsModule, FormDrawer, NzFormModule, NzInputModule, NzSelectModule, NzCheckboxModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <lib-form-drawer
      [open]="open()"
      [width]="520"
      [title]="t('mon.key.newTitle')"
      [form]="form"
      [busy]="busy()"
      [error]="serverError()"
      errorTestId="key-error"
      saveTestId="key-save"
      [saveText]="t('mon.key.issue')"
      (save)="submit()"
      (closed)="closed.emit()"
    >
      <div nz-form nzLayout="vertical" data-testid="key-form">
        <nz-form-item>
          <nz-form-label nzRequired nzFor="key-name">{{ t('mon.key.name') }}</nz-form-label>
          <nz-form-control [nzValidateStatus]="err('name') ? 'error' : ''" [nzErrorTip]="err('name')">
            <input
              nz-input
              id="key-name"
              [formControl]="form.controls.name"
              [placeholder]="t('mon.key.namePlaceholder')"
              data-testid="key-name"
            />
          </nz-form-control>
        </nz-form-item>
        <nz-form-item>
          <nz-form-label nzRequired>{{ t('mon.key.organisation') }}</nz-form-label>
          <nz-form-control
            [nzValidateStatus]="err('organisationId') ? 'error' : ''"
            [nzErrorTip]="err('organisationId')"
            [nzExtra]="t('mon.key.organisationHint')"
          >
            <nz-select
              [formControl]="form.controls.organisationId"
              nzShowSearch
              nzServerSearch
              [nzPlaceHolder]="t('mon.key.searchOrganisation')"
              [nzLoading]="searching()"
              (nzOnSearch)="search($event)"
              data-testid="key-organisation"
            >
              @for (o of options(); track o.id) {
                <nz-option [nzValue]="o.id" [nzLabel]="o.name + ' (' + o.code + ')'" />
              }
            </nz-select>
          </nz-form-control>
        </nz-form-item>
        <nz-form-item>
          <nz-form-label nzRequired>{{ t('mon.key.scopes') }}</nz-form-label>
          <nz-form-control [nzValidateStatus]="err('scopes') ? 'error' : ''" [nzErrorTip]="err('scopes')">
            @for (s of scopes; track s) {
              <!-- eslint-disable-next-line @angular-eslint/template/label-has-associated-control -->
              <label
                nz-checkbox
                [nzChecked]="value().scopes.includes(s)"
                (nzCheckedChange)="toggle(s, $event)"
                data-testid="key-scope"
                [attr.data-scope]="s"
                >{{ scopeLabel(s) }}</label
              >
            }
          </nz-form-control>
        </nz-form-item>
      </div>
    </lib-form-drawer>
  `,
})
export class KeyForm {
  private readonly api = inject(MonitoringApi);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  readonly open = input(false);
  readonly saved = output<ApiKeyCreated>();
  readonly closed = output<void>();

  protected readonly scopes = KEY_SCOPES;
  protected readonly busy = signal(false);
  protected readonly searching = signal(false);
  protected readonly options = signal<OrgOption[]>([]);
  protected readonly serverError = signal<string | null>(null);
  private readonly serverFields = signal<Record<string, string>>({});
  private readonly tried = signal(false);
  private searchSeq = 0;

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: [''],
    organisationId: [null as string | null],
    scopes: [['statistics'] as KeyScope[]],
  });
  protected readonly value = signal<KeyFormValue>(this.form.getRawValue());
  private readonly problems = computed(() => keyProblems(this.value()));
  protected readonly scopeLabel = (s: KeyScope) => labelOf(KEY_SCOPE_LABELS, s, this.i18n.lang());

  constructor() {
    const sub = this.form.valueChanges.subscribe(() => {
      this.value.set(this.form.getRawValue());
      if (Object.keys(this.serverFields()).length) this.serverFields.set({});
    });
    inject(DestroyRef).onDestroy(() => sub.unsubscribe());
    effect(() => {
      if (!this.open()) return;
      untracked(() => {
        this.form.reset({ name: '', organisationId: null, scopes: ['statistics'] });
        this.value.set(this.form.getRawValue());
        this.tried.set(false);
        this.serverError.set(null);
        this.serverFields.set({});
        void this.search('');
      });
    });
  }

  protected err(field: keyof KeyFormValue): string {
    const c = this.form.controls[field];
    const p = this.tried() || c.dirty ? this.problems()[field] : undefined;
    if (p === 'required') return this.t('common.required');
    if (p === 'tooLong') return this.t('mon.tooLong', { max: KEY_NAME_MAX });
    if (p === 'scopes') return this.t('mon.key.scopesRequired');
    return this.serverFields()[field] ?? '';
  }

  protected toggle(s: KeyScope, on: boolean): void {
    const c = this.form.controls.scopes;
    const next = on ? [...new Set([...c.value, s])] : c.value.filter((x) => x !== s);
    c.setValue(KEY_SCOPES.filter((x) => next.includes(x)));
    c.markAsDirty();
  }

  protected async search(q: string): Promise<void> {
    const seq = ++this.searchSeq;
    this.searching.set(true);
    try {
      const found = await this.api.organisations(q);
      if (seq === this.searchSeq) this.options.set(found);
    } catch {
      if (seq === this.searchSeq) this.options.set([]);
    } finally {
      if (seq === this.searchSeq) this.searching.set(false);
    }
  }

  async submit(): Promise<void> {
    this.tried.set(true);
    const v = this.form.getRawValue();
    this.value.set(v);
    if (Object.keys(keyProblems(v)).length || !v.organisationId) return;
    this.busy.set(true);
    this.serverError.set(null);
    try {
      const created = await this.api.createKey({
        name: v.name.trim(),
        organisationId: v.organisationId,
        scopes: v.scopes,
      });
      this.form.markAsPristine();
      this.saved.emit(created);
    } catch (err) {
      this.serverError.set(errorMessage(err, this.t));
      this.serverFields.set(fieldErrors(err, this.t));
    } finally {
      this.busy.set(false);
    }
  }
}

/**
 * 接口密钥: the keys senders (a hospital's HIS, a county platform) report with — name, organisation, scopes,
 * created, last used, revoked. A new key is shown once (copy it now); revoking refuses its senders at once.
 */
@Component({
  selector: 'lib-monitoring-keys-page',
  imports: [
    NzAlertModule,
    NzButtonModule,
    NzCardModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzTableModule,
    NzTagModule,
    KeyForm,
  ],
  providers: [NzModalService],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .key {
      display: flex;
      gap: 8px;
      margin-top: 12px;
    }
    .key input {
      font-family: monospace;
    }
    .small {
      font-size: 12px;
    }
    code {
      font-size: 12px;
    }
  `,
  template: `
    <nz-card [nzTitle]="t('mon.key.title')" [nzExtra]="extra" nzSize="small">
      <p class="muted">{{ t('mon.key.intro') }}</p>
      @if (load.errorMessage(); as m) {
        <div class="load-error" data-testid="keys-error">{{ m }}</div>
      }
      <nz-table
        #table
        nzSize="middle"
        data-testid="keys-table"
        [nzData]="rows()"
        [nzLoading]="load.loading()"
        [nzPageSize]="20"
        [nzHideOnSinglePage]="true"
        [nzNoResult]="emptyTpl"
        [nzScroll]="{ x: '1100px' }"
      >
        <thead>
          <tr>
            <th>{{ t('mon.key.name') }}</th>
            <th>{{ t('mon.key.organisation') }}</th>
            <th nzWidth="200px">{{ t('mon.key.scopes') }}</th>
            <th nzWidth="190px">{{ t('mon.key.created') }}</th>
            <th nzWidth="160px">{{ t('mon.key.lastUsed') }}</th>
            <th nzWidth="160px">{{ t('mon.status') }}</th>
            <th nzWidth="90px"></th>
          </tr>
        </thead>
        <tbody>
          @for (k of table.data; track k.id) {
            <tr data-testid="key-row" [attr.data-name]="k.name" [attr.data-revoked]="!!k.revokedAt">
              <td>
                {{ k.name }}
                <div class="muted">
                  <code>{{ k.prefix }}…</code>
                </div>
              </td>
              <td>{{ k.organisationName }}</td>
              <td>
                @for (s of k.scopes; track s) {
                  <nz-tag>{{ scopeLabel(s) }}</nz-tag>
                }
              </td>
              <td class="nowrap">
                {{ when(k.createdAt) }}
                <div class="muted small">{{ k.createdBy }}</div>
              </td>
              <td class="nowrap">{{ k.lastUsedAt ? when(k.lastUsedAt) : t('mon.key.never') }}</td>
              <td>
                @if (k.revokedAt) {
                  <nz-tag nzColor="default" data-testid="key-revoked">{{ t('mon.key.revoked') }}</nz-tag>
                  <div class="muted small">{{ when(k.revokedAt) }}</div>
                } @else {
                  <nz-tag nzColor="green">{{ t('mon.key.active') }}</nz-tag>
                }
              </td>
              <td>
                @if (!k.revokedAt) {
                  <button
                    nz-button
                    nzType="link"
                    nzDanger
                    nzSize="small"
                    type="button"
                    (click)="revoke(k)"
                    data-testid="key-revoke"
                  >
                    {{ t('mon.key.revoke') }}
                  </button>
                }
              </td>
            </tr>
          }
        </tbody>
      </nz-table>
    </nz-card>

    <ng-template #extra>
      <button nz-button nzType="primary" type="button" (click)="formOpen.set(true)" data-testid="key-new">
        <nz-icon nzType="plus" />{{ t('mon.key.new') }}
      </button>
    </ng-template>
    <ng-template #emptyTpl>
      <nz-empty [nzNotFoundContent]="t('mon.key.none')" data-testid="keys-empty" />
    </ng-template>

    <lib-key-form [open]="formOpen()" (saved)="onCreated($event)" (closed)="formOpen.set(false)" />

    <nz-modal
      [nzVisible]="!!created()"
      [nzTitle]="t('mon.key.createdTitle')"
      [nzClosable]="false"
      [nzMaskClosable]="false"
      [nzFooter]="createdFooter"
      (nzOnCancel)="created.set(null)"
    >
      <ng-container *nzModalContent>
        @if (created(); as c) {
          <nz-alert nzType="warning" nzShowIcon [nzMessage]="t('mon.key.onceWarning')" data-testid="key-once" />
          <div class="key">
            <input nz-input readonly [value]="c.key" [attr.aria-label]="t('mon.key.title')" data-testid="key-secret" />
            <button nz-button type="button" (click)="copy(c.key)" data-testid="key-copy">
              <nz-icon nzType="copy" />{{ t('mon.key.copy') }}
            </button>
          </div>
          <p class="muted" style="margin-top: 12px">{{ t('mon.key.usage') }}</p>
        }
      </ng-container>
    </nz-modal>
    <ng-template #createdFooter>
      <button nz-button nzType="primary" type="button" (click)="created.set(null)" data-testid="key-done">
        {{ t('mon.key.done') }}
      </button>
    </ng-template>
  `,
})
export class KeysPage {
  private readonly api = inject(MonitoringApi);
  private readonly modal = inject(NzModalService);
  private readonly message = inject(NzMessageService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  protected readonly load = loadResource({ loader: () => this.api.keys() });
  /** active keys first, then the newest */
  protected readonly rows = computed(() =>
    [...(this.load.value() ?? [])].sort(
      (a, b) => Number(!!a.revokedAt) - Number(!!b.revokedAt) || b.createdAt.localeCompare(a.createdAt),
    ),
  );
  protected readonly formOpen = signal(false);
  protected readonly created = signal<ApiKeyCreated | null>(null);

  protected readonly when = (d: string) => formatDateTime(d, this.i18n.lang());
  protected readonly scopeLabel = (s: KeyScope) => labelOf(KEY_SCOPE_LABELS, s, this.i18n.lang());

  protected onCreated(k: ApiKeyCreated): void {
    this.formOpen.set(false);
    this.created.set(k);
    this.load.reload();
  }

  protected async copy(key: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(key);
      this.message.success(this.t('mon.key.copied'));
    } catch {
      this.message.warning(this.t('mon.key.copyFailed'));
    }
  }

  protected revoke(k: ApiKeyView): void {
    this.modal.confirm({
      nzTitle: this.t('mon.key.revokeTitle', { name: k.name }),
      nzContent: this.t('mon.key.revokeText'),
      nzOkText: this.t('mon.key.revoke'),
      nzOkDanger: true,
      nzCancelText: this.t('common.cancel'),
      nzOnOk: async () => {
        try {
          await this.api.revokeKey(k.id);
          this.message.success(this.t('mon.key.revokedDone', { name: k.name }));
          this.load.reload();
        } catch (e) {
          this.message.error(errorMessage(e, this.t));
        }
      },
    });
  }
}
