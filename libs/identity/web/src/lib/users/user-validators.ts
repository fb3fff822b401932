import type { ValidationErrors, ValidatorFn } from '@angular/forms';
import { passwordProblem } from '@hutong/identity-model';
import { controlText } from '@hutong/platform-web';

const USERNAME_PATTERN = /^[A-Za-z0-9._-]{3,64}$/;

export const usernameValidator: ValidatorFn = (c) =>
  controlText(c) === '' || USERNAME_PATTERN.test(controlText(c)) ? null : { username: true };

/**
 * The shared password policy. Empty passes (use `Validators.required` where a password is
 * mandatory); otherwise `{ password: '<reason>' }` with the domain's message.
 */
export const passwordValidator: ValidatorFn = (c): ValidationErrors | null => {
  const v: unknown = c.value;
  if (typeof v !== 'string' || v === '') return null;
  const problem = passwordProblem(v);
  return problem ? { password: problem } : null;
};
