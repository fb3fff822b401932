import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, type AbstractControl, type ValidatorFn } from '@angular/forms';
import { LEVELS, type ApplicationView, type CycleView, type Level, type SchemeSummary } from '@hutong/assessment-model';
import { type OrgKind } from '@hutong/platform-model';
import { NzAlertModule } from 'ng-zorro-antd/alert';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDrawerModule } from 'ng-zorro-antd/drawer';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { errorMessage } from '@hutong/platform-web';
import { AssessmentApiService } from './assessment-api.service';
import { AuthService } from '@hutong/platform-web';
import type { TextKey } from '@hutong/platform-web';
import { I18nService } from '@hutong/platform-web';
import { OrgApiService } from '@hutong/organisations-web';
import { AssessmentText, schemeKindFor, todayInChina, windowStatus } from './assessment-ui';

/** Cycles an organisation of `kind` may apply to on `today`: application window open and kind eligible. */
export function openCyclesFor(cycles: CycleView[], kind: OrgKind | null, today: string): CycleView[] {
  return cycles.filter(
    (c) =>
      windowStatus(
        c.windows.find((w) => w.key === 'application'),
        today,
      ) === 'open' &&
      (kind === null || c.eligibleKinds.includes(kind)),
  );
}

/** The schemes of a cycle that fit the organisation's kind. */
export function schemesFor(cycle: CycleView | null, schemes: SchemeSummary[], kind: OrgKind | null): SchemeSummary[] {
  if (!cycle) return [];
  const fit = schemes.filter((s) => cycle.schemeIds.includes(s.id));
  const byKind = kind ? fit.filter((s) => s.kind === schemeKindFor(kind)) : fit;
  return byKind.length ? byKind : fit;
}

const required =
  (key: string): ValidatorFn =>
  (c) =>
    c.value ? null : { [key]: true };
const KEYS: Record<string, TextKey> = {
  cycle: 'apps.cycleRequired',
  scheme: 'apps.schemeRequired',
  level: 'apps.levelRequired',
};

/** The "申请测评" drawer: an open cycle, a scheme fitting the organisation's kind, a target level. */
@Component({
  selector: 'lib-apply-form',
  imports: [ReactiveFormsModule, NzDrawerModule, NzFormModule, NzSelectModule, NzButtonModule, NzAlertModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nz-drawer
      [nzVisible]="open()"
      [nzWidth]="480"
      [nzTitle]="t('apps.applyTitle')"
      [nzFooter]="footer"
      (nzOnClose)="closed.emit()"
    >
      <ng-container *nzDrawerContent>
        @if (serverError(); as message) {
          <nz-alert
            nzType="error"
            nzShowIcon
            [nzDescription]="message"
            class="server-error"
            data-testid="apply-form-error"
          />
        }
        @if (!loading() && cycles().length === 0) {
          <nz-alert nzType="info" nzShowIcon [nzMessage]="t('apps.noOpenCycle')" data-testid="apply-no-cycle" />
        }
        <form nz-form nzLayout="vertical" [formGroup]="form" novalidate data-testid="apply-form">
          <nz-form-item>
            <nz-form-label nzRequired>{{ t('asm.organisation') }}</nz-form-label>
            <nz-form-control>
              <span data-testid="apply-org">{{ orgName() }}</span>
            </nz-form-control>
          </nz-form-item>
          <nz-form-item>
            <nz-form-label nzRequired>{{ t('asm.cycle') }}</nz-form-label>
            <nz-form-control [nzErrorTip]="err">
              <nz-select formControlName="cycleId" [nzLoading]="loading()" data-testid="apply-cycle">
                @for (c of cycles(); track c.id) {
                  <nz-option [nzValue]="c.id" [nzLabel]="c.name + '（' + c.jurisdiction.name + '）'" />
                }
              </nz-select>
              @if (cycleEnd(); as end) {
                <div class="hint">{{ t('apps.cycleWindow', { date: text.day(end) }) }}</div>
              }
            </nz-form-control>
          </nz-form-item>
          <nz-form-item>
            <nz-form-label nzRequired>{{ t('asm.scheme') }}</nz-form-label>
            <nz-form-control [nzErrorTip]="err">
              <nz-select formControlName="schemeId" data-testid="apply-scheme">
                @for (s of schemeOptions(); track s.id) {
                  <nz-option [nzValue]="s.id" [nzLabel]="s.name + ' v' + s.version" />
                }
              </nz-select>
            </nz-form-control>
          </nz-form-item>
          <nz-form-item>
            <nz-form-label nzRequired>{{ t('asm.targetLevel') }}</nz-form-label>
            <nz-form-control [nzErrorTip]="err">
              <nz-select formControlName="targetLevel" data-testid="apply-level">
                @for (l of levels; track l) {
                  <nz-option [nzValue]="l" [nzLabel]="text.level(l)" />
                }
              </nz-select>
            </nz-form-control>
          </nz-form-item>
        </form>
      </ng-container>
    </nz-drawer>
    <ng-template #err let-control>{{ errorOf(control) }}</ng-template>
    <ng-template #footer>
      <div class="drawer-footer">
        <button nz-button type="button" (click)="closed.emit()">{{ t('common.cancel') }}</button>
        <button
          nz-button
          nzType="primary"
          type="button"
          [nzLoading]="busy()"
          [disabled]="!orgId()"
          (click)="submit()"
          data-testid="apply-submit"
        >
          {{ t('apps.apply') }}
        </button>
      </div>
    </ng-template>
  `,
  styles: `
    .hint {
      color: rgba(0, 0, 0, 0.45);
      font-size: 12px;
      margin-top: 4px;
    }
  `,
})
export class ApplyForm {
  private readonly api = inject(AssessmentApiService);
  private readonly orgApi = inject(OrgApiService);
  private readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18nService);
  protected readonly text = inject(AssessmentText);
  protected readonly t = this.i18n.t;

  readonly open = input(false);
  readonly saved = output<ApplicationView>();
  readonly closed = output<void>();

  protected readonly levels = LEVELS;
  protected readonly busy = signal(false);
  protected readonly loading = signal(false);
  protected readonly serverError = signal<string | null>(null);
  protected readonly cycles = signal<CycleView[]>([]);
  private readonly schemes = signal<SchemeSummary[]>([]);
  private readonly orgKind = signal<OrgKind | null>(null);
  protected readonly orgId = computed(() => this.auth.me()?.organisation?.id ?? null);
  protected readonly orgName = computed(() => this.auth.me()?.organisation?.name ?? this.t('apps.noOrganisation'));

  protected readonly form = inject(NonNullableFormBuilder).group({
    cycleId: ['', [required('cycle')]],
    schemeId: ['', [required('scheme')]],
    targetLevel: ['' as Level | '', [required('level')]],
  });
  private readonly cycleId = toSignal(this.form.controls.cycleId.valueChanges, { initialValue: '' });
  private readonly selectedCycle = computed(() => this.cycles().find((c) => c.id === this.cycleId()) ?? null);
  protected readonly schemeOptions = computed(() => schemesFor(this.selectedCycle(), this.schemes(), this.orgKind()));
  protected readonly cycleEnd = computed(
    () => this.selectedCycle()?.windows.find((w) => w.key === 'application')?.end ?? null,
  );
  protected readonly errorOf = (c: AbstractControl): string => {
    for (const key of Object.keys(c.errors ?? {})) if (KEYS[key]) return this.t(KEYS[key]);
    return '';
  };

  constructor() {
    effect(() => {
      if (!this.open()) return;
      untracked(() => void this.reset());
    });
    // the scheme follows the cycle: pick the only fitting one
    this.form.controls.cycleId.valueChanges.subscribe(() => {
      const options = this.schemeOptions();
      const current = this.form.controls.schemeId.value;
      if (!options.some((s) => s.id === current)) this.form.controls.schemeId.setValue(options[0]?.id ?? '');
    });
  }

  private async reset(): Promise<void> {
    this.serverError.set(null);
    this.form.reset({ cycleId: '', schemeId: '', targetLevel: '' });
    this.loading.set(true);
    try {
      const id = this.orgId();
      const [cycles, schemes, org] = await Promise.all([
        this.api.cycles(),
        this.api.schemes(),
        id ? this.orgApi.get(id).catch(() => null) : Promise.resolve(null),
      ]);
      this.orgKind.set(org?.kind ?? null);
      this.schemes.set(schemes);
      const open = openCyclesFor(cycles, org?.kind ?? null, todayInChina());
      this.cycles.set(open);
      if (open.length === 1) this.form.controls.cycleId.setValue(open[0].id);
    } catch (err) {
      this.serverError.set(errorMessage(err, this.t));
    } finally {
      this.loading.set(false);
    }
  }

  async submit(): Promise<void> {
    const organisationId = this.orgId();
    if (this.form.invalid || !organisationId) {
      for (const c of Object.values(this.form.controls)) {
        c.markAsDirty();
        c.updateValueAndValidity({ onlySelf: true });
      }
      return;
    }
    const v = this.form.getRawValue();
    this.busy.set(true);
    this.serverError.set(null);
    try {
      const app = await this.api.createApplication({
        cycleId: v.cycleId,
        organisationId,
        schemeId: v.schemeId,
        targetLevel: v.targetLevel as Level,
      });
      this.saved.emit(app);
    } catch (err) {
      this.serverError.set(errorMessage(err, this.t));
    } finally {
      this.busy.set(false);
    }
  }
}
