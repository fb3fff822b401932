import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { ORG_CODE_PATTERN, REGION_CODE_PATTERN, checkPassword } from '@hutong/shared-domain';

/** Error key `server`: a message the API returned for this field; cleared on the next edit. */
export const SERVER_ERROR = 'server';

const USERNAME_PATTERN = /^[A-Za-z0-9._-]{3,64}$/;

function str(control: AbstractControl): string {
  const v: unknown = control.value;
  return typeof v === 'string' ? v.trim() : '';
}

export const orgCodeValidator: ValidatorFn = (c) =>
  str(c) === '' || ORG_CODE_PATTERN.test(str(c)) ? null : { orgCode: true };

export const regionCodeValidator: ValidatorFn = (c) =>
  str(c) === '' || REGION_CODE_PATTERN.test(str(c)) ? null : { regionCode: true };

export const usernameValidator: ValidatorFn = (c) =>
  str(c) === '' || USERNAME_PATTERN.test(str(c)) ? null : { username: true };

/**
 * The shared password policy (checkPassword of libs/shared/domain), for the user named by
 * `username()`. Empty passes (use `Validators.required` where a password is mandatory); otherwise
 * `{ password: '<reason>' }` with the domain's message.
 */
export function passwordValidatorFor(username: () => string | null | undefined): ValidatorFn {
  return (c): ValidationErrors | null => {
    const v: unknown = c.value;
    if (typeof v !== 'string' || v === '') return null;
    const problem = checkPassword(v, username());
    return problem ? { password: problem.message } : null;
  };
}

/** The password policy without a user name (see passwordValidatorFor). */
export const passwordValidator: ValidatorFn = passwordValidatorFor(() => null);

/** Puts server field messages onto matching controls (keeps the typed values). */
export function applyServerErrors(controls: Record<string, AbstractControl>, errors: Record<string, string>): boolean {
  let any = false;
  for (const [field, message] of Object.entries(errors)) {
    const control = controls[field];
    if (!control) continue;
    control.setErrors({ ...(control.errors ?? {}), [SERVER_ERROR]: message });
    control.markAsDirty();
    control.markAsTouched();
    any = true;
  }
  return any;
}
