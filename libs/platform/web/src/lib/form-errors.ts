import type { ValidationErrors } from '@angular/forms';
import type { Translator } from './i18n.service';
import type { TextKey } from './i18n/texts';

const KEYS: Record<string, TextKey> = {
  required: 'common.required',
};

/**
 * The message for a control's first error. Errors whose value is a string (the server's message) are
 * shown as they are; a `{ code, params }` value (a domain rule's coded reason) is translated; otherwise the
 * error's key names a text — `required`, or one of `keys` (the capability's own validators).
 */
export function errorText(
  errors: ValidationErrors | null | undefined,
  t: Translator | ((key: TextKey) => string),
  keys: Record<string, TextKey> = {},
): string {
  if (!errors) return '';
  for (const [key, value] of Object.entries(errors)) {
    if (typeof value === 'string' && value) return value;
    if (value && typeof value === 'object' && typeof (value as { code?: unknown }).code === 'string') {
      const { code, params, message } = value as {
        code: string;
        params?: Record<string, string | number>;
        message?: unknown;
      };
      const text =
        ('message' in t ? t.message?.(code, params) : null) ?? (typeof message === 'string' ? message : null);
      if (text) return text;
    }
    const textKey = keys[key] ?? KEYS[key];
    if (textKey) return t(textKey);
  }
  return '';
}
