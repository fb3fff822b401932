import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError } from '@hutong/platform-model';
import type { Translator } from './i18n.service';
import type { TextKey } from './i18n/texts';

export function isApiError(body: unknown): body is ApiError {
  return (
    typeof body === 'object' && body !== null && typeof (body as ApiError).statusCode === 'number' && 'message' in body
  );
}

/** The server's ApiError body of a failed request, when it has one. */
export function apiErrorOf(err: unknown): ApiError | null {
  if (err instanceof HttpErrorResponse && isApiError(err.error)) return err.error;
  return null;
}

type Translate = Translator | ((key: TextKey) => string);

/** The text of a code (and params) in the current language's catalogues, or null. */
function codeText(t: Translate, code: unknown, params: unknown): string | null {
  if (typeof code !== 'string' || !('message' in t) || !t.message) return null;
  return t.message(code, (params ?? undefined) as Record<string, string | number> | undefined);
}

/**
 * A message for the user: the error's code translated with the current language's catalogues (with its
 * params; a validation failure as its fields' reasons); else the server's own message; else a generic text
 * by status.
 */
export function errorMessage(err: unknown, t: Translate): string {
  if (!(err instanceof HttpErrorResponse)) return t('common.serverError');
  if (err.status === 0) return t('common.networkError');
  const body = apiErrorOf(err);
  if (body?.code === 'validation.failed' && Array.isArray(body.details)) {
    const reasons = (body.details as { code?: unknown; params?: unknown; reason?: unknown }[])
      .map((d) => codeText(t, d.code, d.params) ?? (typeof d.reason === 'string' ? d.reason : ''))
      .filter(Boolean);
    if (reasons.length) return reasons.join('；');
  }
  const translated = body ? codeText(t, body.code, body.params) : null;
  if (translated) return translated;
  if (err.status === 429) return t('common.tooMany');
  const message = body ? flattenMessage(body.message) : '';
  if (message) return message;
  switch (err.status) {
    case 403:
      return t('common.forbidden');
    case 404:
      return t('common.notFound');
    default:
      return t('common.serverError');
  }
}

function flattenMessage(message: unknown): string {
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.filter((m) => typeof m === 'string').join('；');
  return '';
}

/**
 * Field errors from an ApiError's `details`, when the server sent any: accepts
 * `{ field: message }`, `[{ field|property|column, code?, params?, message|reason }]` or `{ fields: … }`;
 * a detail's code is translated when `t` is given.
 */
export function fieldErrors(err: unknown, t?: Translate): Record<string, string> {
  const details = apiErrorOf(err)?.details;
  const out: Record<string, string> = {};
  const visit = (d: unknown): void => {
    if (Array.isArray(d)) {
      for (const item of d) {
        if (typeof item !== 'object' || item === null) continue;
        const rec = item as Record<string, unknown>;
        const field = rec['field'] ?? rec['property'] ?? rec['column'];
        const message = (t ? codeText(t, rec['code'], rec['params']) : null) ?? rec['message'] ?? rec['reason'];
        if (typeof field === 'string' && typeof message === 'string') out[field] = message;
      }
    } else if (typeof d === 'object' && d !== null) {
      const rec = d as Record<string, unknown>;
      if ('fields' in rec) return visit(rec['fields']);
      for (const [k, v] of Object.entries(rec)) if (typeof v === 'string') out[k] = v;
    }
  };
  visit(details);
  return out;
}
