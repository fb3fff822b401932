import type { ValidationErrors, ValidatorFn } from '@angular/forms';
import { checkPassword } from '@hutong/identity-model';
import { controlText } from '@hutong/platform-web';

const USERNAME_PATTERN = /^[A-Za-z0-9._-]{3,64}$/;

export const usernameValidator: ValidatorFn = (c) =>
  controlText(c) === '' || USERNAME_PATTERN.test(controlText(c)) ? null : { username: true };

/**
 * The shared password policy (checkPassword of the identity model), for the user named by
 * `username()`. Empty passes (use `Validators.required` where a password is mandatory); otherwise
 * `{ password: { code, message } }`: the policy's code (translated by errorText) and its Chinese message.
 */
export function passwordValidatorFor(username: () => string | null | undefined): ValidatorFn {
  return (c): ValidationErrors | null => {
    const v: unknown = c.value;
    if (typeof v !== 'string' || v === '') return null;
    const problem = checkPassword(v, username());
    return problem ? { password: { code: problem.code, message: problem.message } } : null;
  };
}

/** The password policy without a user name (see passwordValidatorFor). */
export const passwordValidator: ValidatorFn = passwordValidatorFor(() => null);
