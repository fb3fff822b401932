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
import { ROLES, type Role } from '@hutong/platform-model';
import { type CreateUserRequest, type UpdateUserRequest, type UserView } from '@hutong/identity-model';
import { PASSWORD_RULE_EN, PASSWORD_RULE_ZH } from '@hutong/identity-model';
import { jurisdictionRequired, organisationRequired } from '@hutong/platform-model';
import type { NzFormatEmitEvent, NzTreeNodeOptions } from 'ng-zorro-antd/core/tree';
import { NzFormModule } from 'ng-zorro-antd/form';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzSelectModule } from 'ng-zorro-antd/select';
import { NzTreeSelectModule } from 'ng-zorro-antd/tree-select';
import { errorMessage, fieldErrors } from '@hutong/platform-web';
import { FormDrawer } from '@hutong/platform-web/ui-forms';
import { errorText } from '@hutong/platform-web';
import { I18nService } from '@hutong/platform-web';
import { OrgApiService, orgTreeNode } from '@hutong/organisations-web';
import { UserApiService } from '../user-api.service';
import { applyServerErrors } from '@hutong/platform-web';
import { passwordValidatorFor, usernameValidator } from './user-validators';

/** Applicants and experts belong to an organisation. */

@Component({
  selector: 'lib-user-form',
  imports: [ReactiveFormsModule, FormDrawer, NzFormModule, NzInputModule, NzSelectModule, NzTreeSelectModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './user-form.html',
})
export class UserForm {
  private readonly users = inject(UserApiService);
  private readonly orgs = inject(OrgApiService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;

  readonly open = input(false);
  readonly user = input<UserView | null>(null);
  readonly saved = output<UserView>();
  readonly closed = output<void>();

  protected readonly roles = ROLES;
  /** The password rule, shown under the field (the same rule the api applies). */
  protected readonly passwordRuleText = computed(() => (this.i18n.isZh() ? PASSWORD_RULE_ZH : PASSWORD_RULE_EN));
  protected readonly busy = signal(false);
  protected readonly serverError = signal<string | null>(null);
  protected readonly orgNodes = signal<NzTreeNodeOptions[]>([]);
  protected readonly jurisdictionNodes = signal<NzTreeNodeOptions[]>([]);

  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', [Validators.required, usernameValidator]],
    displayName: ['', [Validators.required, Validators.maxLength(100)]],
    email: ['', [Validators.email]],
    role: ['applicant' as Role, [Validators.required]],
    password: ['', [(c: AbstractControl) => this.passwordRule(c)]],
    organisationId: [null as string | null, [(c: AbstractControl) => this.requiredFor(c, organisationRequired)]],
    jurisdictionId: [null as string | null, [(c: AbstractControl) => this.requiredFor(c, jurisdictionRequired)]],
  });

  private readonly roleValue = toSignal(this.form.controls.role.valueChanges, {
    initialValue: this.form.controls.role.value,
  });
  protected readonly editing = computed(() => this.user() !== null);
  protected readonly needsOrg = computed(() => organisationRequired(this.roleValue()));
  protected readonly needsJurisdiction = computed(() => jurisdictionRequired(this.roleValue()));
  protected readonly errorOf = (c: AbstractControl) =>
    errorText(c.errors, this.t, { email: 'users.emailInvalid', username: 'users.usernameInvalid' });

  constructor() {
    effect(() => {
      if (!this.open()) return;
      const u = this.user();
      untracked(() => void this.reset(u));
    });
    // the password may not contain the user name: check it again when the name changes
    this.form.controls.username.valueChanges.subscribe(() => {
      if (this.form.controls.password.value) this.form.controls.password.updateValueAndValidity();
    });
    this.form.controls.role.valueChanges.subscribe(() => {
      this.form.controls.organisationId.updateValueAndValidity();
      this.form.controls.jurisdictionId.updateValueAndValidity();
    });
  }

  /** The domain's password policy (checkPassword), with the user name typed (or being edited). */
  private readonly passwordCheck = passwordValidatorFor(
    () => this.form?.controls.username.getRawValue() || this.user()?.username,
  );
  private passwordRule(c: AbstractControl): ValidationErrors | null {
    return this.passwordCheck(c);
  }

  private requiredFor(c: AbstractControl, rule: (role: Role) => boolean): { required: true } | null {
    if (!this.form) return null;
    return rule(this.form.controls.role.value) && !c.value ? { required: true } : null;
  }

  private async reset(u: UserView | null): Promise<void> {
    this.serverError.set(null);
    this.form.reset({
      username: u?.username ?? '',
      displayName: u?.displayName ?? '',
      email: u?.email ?? '',
      role: u?.role ?? 'applicant',
      password: '',
      organisationId: u?.organisation?.id ?? null,
      jurisdictionId: u?.jurisdiction?.id ?? null,
    });
    const password = this.form.controls.password;
    const rule = (c: AbstractControl) => this.passwordRule(c);
    password.setValidators(u ? [rule] : [Validators.required, rule]);
    password.updateValueAndValidity();
    if (u) this.form.controls.username.disable();
    else this.form.controls.username.enable();
    // the pickers load lazily; open the path to the current values so that they show their names
    const [orgNodes, jurNodes] = await Promise.all([
      this.orgs.treeTo(u?.organisation?.id ?? null).catch(() => []),
      this.orgs.treeTo(u?.jurisdiction?.id ?? null).catch(() => []),
    ]);
    this.orgNodes.set(orgNodes);
    this.jurisdictionNodes.set(jurNodes);
  }

  async onExpand(e: NzFormatEmitEvent): Promise<void> {
    const node = e.node;
    if (!node || !node.isExpanded || node.getChildren().length > 0 || node.isLeaf) return;
    try {
      const children = await this.orgs.children(node.key);
      if (children.length === 0) node.isLeaf = true;
      else node.addChildren(children.map(orgTreeNode));
    } catch {
      node.isLoading = false;
    }
    node.update();
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
    const needsJur = jurisdictionRequired(v.role);
    this.busy.set(true);
    this.serverError.set(null);
    try {
      const u = this.user();
      let result: UserView;
      if (u) {
        const body: UpdateUserRequest = {
          displayName: v.displayName.trim(),
          email: v.email.trim() || null,
          role: v.role,
          organisationId: v.organisationId,
          jurisdictionId: needsJur ? v.jurisdictionId : null,
        };
        if (v.password) body.password = v.password;
        result = await this.users.update(u.id, body);
      } else {
        const body: CreateUserRequest = {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          email: v.email.trim() || null,
          role: v.role,
          password: v.password,
          organisationId: v.organisationId,
          jurisdictionId: needsJur ? v.jurisdictionId : null,
        };
        result = await this.users.create(body);
      }
      this.saved.emit(result);
    } catch (err) {
      this.serverError.set(errorMessage(err, this.t));
      applyServerErrors(this.form.controls, fieldErrors(err, this.t));
    } finally {
      this.busy.set(false);
    }
  }
}
