import { HttpException, HttpStatus } from '@nestjs/common';
import type { ApiError } from '@hutong/platform-model';

/** "Not Found", "Conflict", … — the reason phrase Nest writes in `error`. */
export function reasonPhrase(status: HttpStatus): string {
  return HttpStatus[status]
    .toLowerCase()
    .split('_')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}

/**
 * Throws an HTTP error whose body is an ApiError (statusCode, error, message, details?, code?).
 * `code` is a stable machine-readable reason (`organisation.in_use`) for clients that must tell
 * one 409 from another; the message is for people and is Chinese first.
 */
export function httpError(status: HttpStatus, message: string, details?: unknown, code?: string): HttpException {
  const body: ApiError = {
    statusCode: status,
    error: reasonPhrase(status),
    message,
    ...(details === undefined ? {} : { details }),
    ...(code === undefined ? {} : { code }),
  };
  return new HttpException(body, status);
}

export const notFound = (what: string) => httpError(HttpStatus.NOT_FOUND, `${what}不存在`);
export const forbidden = (message = '无权执行此操作') => httpError(HttpStatus.FORBIDDEN, message);
export const conflict = (message: string, details?: unknown, code?: string) =>
  httpError(HttpStatus.CONFLICT, message, details, code);
export const badRequest = (message: string, details?: unknown) => httpError(HttpStatus.BAD_REQUEST, message, details);
