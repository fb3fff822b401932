import { HttpErrorResponse } from '@angular/common/http';
import type { ApiError } from '@hutong/platform-model';
import type { TextKey } from './dictionaries';

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

/**
 * A message for the user: the server's own message when it sent one (the API speaks Chinese),
 * a generic text by status otherwise.
 */
export function errorMessage(err: unknown, t: (key: TextKey) => string): string {
  if (!(err instanceof HttpErrorResponse)) return t('common.serverError');
  if (err.status === 0) return t('common.networkError');
  if (err.status === 429) return t('common.tooMany');
  const body = apiErrorOf(err);
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
 * `{ field: message }`, `[{ field|property|column, message|reason }]` or `{ fields: … }`.
 */
export function fieldErrors(err: unknown): Record<string, string> {
  const details = apiErrorOf(err)?.details;
  const out: Record<string, string> = {};
  const visit = (d: unknown): void => {
    if (Array.isArray(d)) {
      for (const item of d) {
        if (typeof item !== 'object' || item === null) continue;
        const rec = item as Record<string, unknown>;
        const field = rec['field'] ?? rec['property'] ?? rec['column'];
        const message = rec['message'] ?? rec['reason'];
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
