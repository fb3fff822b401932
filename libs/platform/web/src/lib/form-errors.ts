import type { ValidationErrors } from '@angular/forms';
import type { TextKey } from './dictionaries';

const KEYS: Record<string, TextKey> = {
  required: 'common.required',
  orgCode: 'org.codeInvalid',
  regionCode: 'org.regionCodeInvalid',
  maxlength: 'org.nameTooLong',
  email: 'users.emailInvalid',
  username: 'users.usernameInvalid',
};

/**
 * The message for a control's first error. Errors whose value is a string (the server's message,
 * a domain rule's reason) are shown as they are.
 */
export function errorText(errors: ValidationErrors | null | undefined, t: (key: TextKey) => string): string {
  if (!errors) return '';
  for (const [key, value] of Object.entries(errors)) {
    if (typeof value === 'string' && value) return value;
    const textKey = KEYS[key];
    if (textKey) return t(textKey);
  }
  return '';
}
