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
import {
  NonNullableFormBuilder,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import { type CreateOrgRequest, type OrgView } from '@hutong/organisations-model';
import {
  HOSPITAL_GRADES,
  ORG_KINDS,
  ORG_LEVELS,
  type HospitalGrade,
  type OrgKind,
  type OrgLevel,
} from '@hutong/platform-model';
import { allowedParentLevels, kindAllowedForLevel, regionCodeRule } from '@hutong/organisations-model';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { errorMessage, fieldErrors } from '@hutong/platform-web';
import { FormDrawer } from '@hutong/platform-web/ui-forms';
import { errorText, type TextKey } from '@hutong/platform-web';
import { I18nService } from '@hutong/platform-web';
import { OrgApiService } from './org-api.service';
import { applyServerErrors } from '@hutong/platform-web';
import { orgCodeValidator } from './org-validators';

/** Levels that may be created under a parent (a province only at the top). */
export function childLevels(parent: Pick<OrgView, 'level'> | null): OrgLevel[] {
  return ORG_LEVELS.filter((l) =>
    parent ? allowedParentLevels(l).includes(parent.level) : allowedParentLevels(l).length === 0,
  );
}

export function kindsFor(level: OrgLevel): OrgKind[] {
  return ORG_KINDS.filter((k) => kindAllowedForLevel(level, k));
}

/** Create/edit drawer of an organisation. The parent of a new node is the selected tree node. */
/** This form's validators → their texts (errorText). */
const ORG_FORM_ERRORS: Record<string, TextKey> = {
  orgCode: 'org.codeInvalid',
  regionCode: 'org.regionCodeInvalid',
  maxlength: 'org.nameTooLong',
};

@Component({
  selector: 'lib-org-form',
  imports: [ReactiveFormsModule, FormDrawer, NzFormModule, NzInputModule, NzSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './org-form.html',
})
export class OrgForm {
  private readonly api = inject(OrgApiService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  /** Whether the drawer is shown. */
  readonly open = input(false);
  /** The organisation being edited; null creates one. */
  readonly org = input<OrgView | null>(null);
  /** The parent of a new organisation (null = a new root). */
  readonly parent = input<OrgView | null>(null);
  readonly saved = output<OrgView>();
  readonly closed = output<void>();

  protected readonly busy = signal(false);
  protected readonly serverError = signal<string | null>(null);
  protected readonly grades = HOSPITAL_GRADES;

  protected readonly form = inject(NonNullableFormBuilder).group({
    code: ['', [Validators.required, orgCodeValidator]],
    name: ['', [Validators.required, Validators.maxLength(200)]],
    level: ['city' as OrgLevel, [Validators.required]],
    kind: ['region' as OrgKind, [Validators.required]],
    grade: [null as HospitalGrade | null],
    regionCode: ['', [Validators.required, (c: AbstractControl) => this.regionValidator(c)]],
  });

  private readonly levelValue = toSignal(this.form.controls.level.valueChanges, {
    initialValue: this.form.controls.level.value,
  });
  private readonly kindValue = toSignal(this.form.controls.kind.valueChanges, {
    initialValue: this.form.controls.kind.value,
  });

  protected readonly editing = computed(() => this.org() !== null);
  protected readonly levels = computed(() => {
    const o = this.org();
    return o ? [o.level] : childLevels(this.parent());
  });
  protected readonly kinds = computed(() => kindsFor(this.levelValue()));
  protected readonly isHospital = computed(() => this.kindValue() === 'hospital');
  protected readonly errorOf = (c: AbstractControl) => errorText(c.errors, this.t, ORG_FORM_ERRORS);

  constructor() {
    // reset the form each time the drawer opens
    effect(() => {
      if (!this.open()) return;
      const o = this.org();
      const levels = this.levels();
      untracked(() => this.reset(o, levels));
    });
    // keep kind and grade consistent with level and kind
    this.form.controls.level.valueChanges.subscribe((level) => {
      const kinds = kindsFor(level);
      if (!kinds.includes(this.form.controls.kind.value)) this.form.controls.kind.setValue(kinds[0]);
      this.form.controls.regionCode.updateValueAndValidity();
    });
    this.form.controls.kind.valueChanges.subscribe((kind) => {
      if (kind !== 'hospital') this.form.controls.grade.setValue(null);
    });
  }

  private reset(o: OrgView | null, levels: OrgLevel[]): void {
    this.serverError.set(null);
    const level = o?.level ?? levels[0] ?? 'institution';
    this.form.reset({
      code: o?.code ?? '',
      name: o?.name ?? '',
      level,
      kind: o?.kind ?? kindsFor(level)[0],
      grade: o?.grade ?? null,
      regionCode: o?.regionCode ?? this.parent()?.regionCode ?? '',
    });
    if (o) this.form.controls.level.disable();
    else this.form.controls.level.enable();
  }

  private regionValidator(c: AbstractControl): ValidationErrors | null {
    const value = typeof c.value === 'string' ? c.value.trim() : '';
    if (!value || !this.form) return null;
    const level = this.form.controls.level.value;
    const parent = this.org() ? null : this.parent();
    const problem = regionCodeRule(
      level,
      value,
      parent ? { level: parent.level, regionCode: parent.regionCode } : null,
    );
    // coded: errorText translates it in the current language
    return problem ? { regionProblem: { code: problem.code, params: problem.params } } : null;
  }

  async submit(): Promise<void> {
    if (this.form.invalid) {
      for (const c of Object.values(this.form.controls)) {
        c.markAsDirty();
        c.updateValueAndValidity({ onlySelf: true });
      }
      return;
    }
    const v = this.form.getRawValue();
    const body: CreateOrgRequest = {
      code: v.code.trim(),
      name: v.name.trim(),
      level: v.level,
      kind: v.kind,
      grade: v.kind === 'hospital' ? v.grade : null,
      regionCode: v.regionCode.trim(),
    };
    this.busy.set(true);
    this.serverError.set(null);
    try {
      const o = this.org();
      const result = o
        ? await this.api.update(o.id, {
            code: body.code,
            name: body.name,
            kind: body.kind,
            grade: body.grade,
            regionCode: body.regionCode,
          })
        : await this.api.create({ ...body, parentId: this.parent()?.id ?? null });
      this.saved.emit(result);
    } catch (err) {
      // the typed values stay; the message goes on top and, when the server names fields, on them
      this.serverError.set(errorMessage(err, this.t));
      applyServerErrors(this.form.controls, fieldErrors(err, this.t));
    } finally {
      this.busy.set(false);
    }
  }
}
