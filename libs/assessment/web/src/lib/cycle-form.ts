import { ChangeDetectionStrategy, Component, effect, inject, input, output, signal, untracked } from '@angular/core';
import {
  FormArray,
  FormControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type ValidationErrors,
  type ValidatorFn,
} from '@angular/forms';
import {
  STAGE_WINDOWS,
  type CreateCycleRequest,
  type CycleView,
  type SchemeSummary,
  type StageWindowKey,
} from '@hutong/assessment-model';
import { type OrgKind } from '@hutong/platform-model';
import type { NzFormatEmitEvent, NzTreeNodeOptions } from 'ng-zorro-antd/core/tree';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzInputNumberModule } from 'ng-zorro-antd/input-number';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTreeSelectModule } from 'ng-zorro-antd/tree-select';
import { AssessmentApiService } from './assessment-api.service';
import { errorMessage, fieldErrors } from '@hutong/platform-web';
import { FormDrawer } from '@hutong/platform-web/ui-forms';
import { AuthService } from '@hutong/platform-web';
import type { TextKey } from '@hutong/platform-web';
import { I18nService } from '@hutong/platform-web';
import { OrgApiService, orgTreeNode } from '@hutong/organisations-web';
import { applyServerErrors } from '@hutong/platform-web';
import { windowOrderProblems as domainWindowOrder } from '@hutong/assessment-model';
import { AssessmentText, fromDateString, toDateString } from './assessment-ui';

/** Organisation kinds that can apply for an assessment. */
export const APPLYING_KINDS: OrgKind[] = ['hospital', 'regional_platform', 'region', 'health_commission'];

type Range = Date[] | null;

const rangeRequired: ValidatorFn = (c) => {
  const v = c.value as Range;
  return Array.isArray(v) && v.length === 2 && v[0] && v[1] ? null : { windowRequired: true };
};

/** The domain's stage-window order rule (the one the api applies) on the pickers' ranges; errors go on the
 * later window. */
export function windowOrderProblems(ranges: Range[]): number[] {
  return domainWindowOrder(
    ranges.map((r) => (r?.[0] && r[1] ? { start: toDateString(r[0]), end: toDateString(r[1]) } : null)),
  );
}

const ERROR_KEYS: Record<string, TextKey> = {
  required: 'common.required',
  windowRequired: 'cycles.windowRequired',
  windowOrder: 'cycles.windowOrder',
  year: 'cycles.yearInvalid',
  batch: 'cycles.batchInvalid',
  publicity: 'cycles.publicityInvalid',
  schemes: 'cycles.schemesRequired',
  kinds: 'cycles.kindsRequired',
  jurisdiction: 'cycles.jurisdictionRequired',
  name: 'cycles.nameRequired',
};

const intRange =
  (min: number, max: number, key: string): ValidatorFn =>
  (c) => {
    const v = c.value as number | null;
    return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : { [key]: true };
  };
const nonEmpty =
  (key: string): ValidatorFn =>
  (c) =>
    Array.isArray(c.value) && c.value.length > 0 ? null : { [key]: true };
const filled =
  (key: string): ValidatorFn =>
  (c) =>
    typeof c.value === 'string' && c.value.trim() !== '' ? null : { [key]: true };

/** The "新建测评批次" drawer; with `cycle` set, "编辑测评批次" (name, windows, publicity days). */
@Component({
  selector: 'lib-cycle-form',
  imports: [
    ReactiveFormsModule,
    FormDrawer,
    NzFormModule,
    NzInputModule,
    NzInputNumberModule,
    NzSelectModule,
    NzTreeSelectModule,
    NzDatePickerModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './cycle-form.html',
  styles: `
    .row2 {
      display: grid;
      grid-template-columns: repeat(3, minmax(0, 1fr));
      gap: 12px;
    }
    .full,
    nz-input-number {
      width: 100%;
    }
  `,
})
export class CycleForm {
  private readonly api = inject(AssessmentApiService);
  private readonly orgApi = inject(OrgApiService);
  private readonly auth = inject(AuthService);
  protected readonly i18n = inject(I18nService);
  protected readonly text = inject(AssessmentText);
  protected readonly t = this.i18n.t;

  readonly open = input(false);
  readonly schemes = input<SchemeSummary[]>([]);
  /** the cycle to edit (null: a new one) */
  readonly cycle = input<CycleView | null>(null);
  readonly saved = output<CycleView>();
  readonly closed = output<void>();

  protected readonly busy = signal(false);
  protected readonly serverError = signal<string | null>(null);
  protected readonly treeNodes = signal<NzTreeNodeOptions[]>([]);
  protected readonly kinds = APPLYING_KINDS;
  protected readonly windowKeys = STAGE_WINDOWS;

  protected readonly form = inject(NonNullableFormBuilder).group({
    name: ['', [filled('name'), Validators.maxLength(100)]],
    year: [new Date().getFullYear() as number | null, [intRange(2000, 2100, 'year')]],
    batch: [1 as number | null, [intRange(1, 99, 'batch')]],
    jurisdictionId: ['', [filled('jurisdiction')]],
    schemeIds: [[] as string[], [nonEmpty('schemes')]],
    eligibleKinds: [['hospital'] as OrgKind[], [nonEmpty('kinds')]],
    windows: new FormArray<FormControl<Range>>(
      STAGE_WINDOWS.map(() => new FormControl<Range>(null, { validators: [rangeRequired] })),
      { validators: [(a: AbstractControl) => this.orderValidator(a)] },
    ),
    publicityDays: [7 as number | null, [intRange(1, 60, 'publicity')]],
  });

  protected readonly errorOf = (c: AbstractControl | null): string => {
    const errors: ValidationErrors | null | undefined = c?.errors;
    if (!errors) return '';
    for (const [key, value] of Object.entries(errors)) {
      if (typeof value === 'string' && value) return value;
      if (ERROR_KEYS[key]) return this.t(ERROR_KEYS[key]);
    }
    return '';
  };
  protected readonly windowLabel = (k: StageWindowKey): string => this.t(`cycles.window.${k}`);

  constructor() {
    effect(() => {
      if (!this.open()) return;
      untracked(() => void this.reset());
    });
  }

  /** `{ windowOrder: [indices] }`: the later window of each overlapping pair. */
  private orderValidator(a: AbstractControl): ValidationErrors | null {
    const arr = a as FormArray<FormControl<Range>>;
    const bad = windowOrderProblems(arr.controls.map((c) => c.value));
    return bad.length ? { windowOrder: bad } : null;
  }

  /** The message under a window's range picker (its own error first, then the order). */
  protected windowError(i: number): string {
    const c = this.form.controls.windows.at(i);
    if (!c.dirty && !c.touched) return '';
    if (c.errors) return this.errorOf(c);
    const order = this.form.controls.windows.errors?.['windowOrder'] as number[] | undefined;
    return order?.includes(i) ? this.t('cycles.windowOrder') : '';
  }

  private async reset(): Promise<void> {
    this.serverError.set(null);
    const me = this.auth.me();
    const jurisdictionId = me?.jurisdiction?.id ?? '';
    const latest = this.schemes().filter((s) => s.latest);
    this.form.reset({
      name: '',
      year: new Date().getFullYear(),
      batch: 1,
      jurisdictionId,
      schemeIds: latest.map((s) => s.id),
      eligibleKinds: ['hospital'],
      publicityDays: 7,
    });
    this.form.controls.windows.reset(STAGE_WINDOWS.map(() => null));
    const editing = this.cycle();
    const fixed = [
      this.form.controls.year,
      this.form.controls.batch,
      this.form.controls.jurisdictionId,
      this.form.controls.schemeIds,
      this.form.controls.eligibleKinds,
    ];
    for (const c of fixed) {
      if (editing) c.disable();
      else c.enable();
    }
    if (editing) {
      this.form.reset({
        name: editing.name,
        year: editing.year,
        batch: editing.batch,
        jurisdictionId: editing.jurisdiction.id,
        schemeIds: editing.schemeIds,
        eligibleKinds: editing.eligibleKinds,
        publicityDays: editing.publicityDays,
      });
      this.form.controls.windows.reset(
        STAGE_WINDOWS.map((k) => {
          const w = editing.windows.find((x) => x.key === k);
          return w ? [fromDateString(w.start), fromDateString(w.end)] : null;
        }),
      );
      this.treeNodes.set([{ title: editing.jurisdiction.name, key: editing.jurisdiction.id, isLeaf: true }]);
      return;
    }
    try {
      // the roots the caller may see (a coordinator: its jurisdiction), opened lazily below
      this.treeNodes.set((await this.orgApi.roots()).map(orgTreeNode));
    } catch (err) {
      this.serverError.set(errorMessage(err, this.t));
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
    this.form.controls.windows.updateValueAndValidity();
    if (this.form.invalid) {
      const all = [...Object.values(this.form.controls), ...this.form.controls.windows.controls];
      for (const c of all) {
        c.markAsDirty();
        c.markAsTouched();
        c.updateValueAndValidity({ onlySelf: true });
      }
      this.form.controls.windows.updateValueAndValidity();
      return;
    }
    const v = this.form.getRawValue();
    const body: CreateCycleRequest = {
      name: v.name.trim(),
      year: v.year ?? 0,
      batch: v.batch ?? 1,
      jurisdictionId: v.jurisdictionId,
      schemeIds: v.schemeIds,
      eligibleKinds: v.eligibleKinds,
      windows: STAGE_WINDOWS.map((key, i) => {
        const r = v.windows[i] as Date[];
        return { key, start: toDateString(r[0]), end: toDateString(r[1]) };
      }),
      publicityDays: v.publicityDays ?? 7,
    };
    this.busy.set(true);
    this.serverError.set(null);
    const editing = this.cycle();
    try {
      this.saved.emit(
        editing
          ? await this.api.updateCycle(editing.id, {
              name: body.name,
              windows: body.windows,
              publicityDays: body.publicityDays,
            })
          : await this.api.createCycle(body),
      );
    } catch (err) {
      // the typed values stay; the message goes on top and, when the server names fields, on them
      this.serverError.set(errorMessage(err, this.t));
      applyServerErrors(this.form.controls, fieldErrors(err, this.t));
    } finally {
      this.busy.set(false);
    }
  }
}
