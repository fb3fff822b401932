import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * Throws an HTTP error whose body is an ApiError (statusCode, error, message, details), with a
 * stable `code` (e.g. `upload.too_large`) when given, for the web to translate.
 */
export function httpError(status: HttpStatus, message: string, details?: unknown, code?: string): HttpException {
  const error = HttpStatus[status]
    .toLowerCase()
    .split('_')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
  return new HttpException(
    {
      statusCode: status,
      error,
      message,
      ...(code === undefined ? {} : { code }),
      ...(details === undefined ? {} : { details }),
    },
    status,
  );
}

export const notFound = (what: string) => httpError(HttpStatus.NOT_FOUND, `${what}不存在`);
export const forbidden = (message = '无权执行此操作') => httpError(HttpStatus.FORBIDDEN, message);
export const conflict = (message: string, details?: unknown) => httpError(HttpStatus.CONFLICT, message, details);
export const badRequest = (message: string, details?: unknown) => httpError(HttpStatus.BAD_REQUEST, message, details);
