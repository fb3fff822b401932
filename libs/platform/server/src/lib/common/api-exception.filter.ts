import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  DomainError,
  langFromAcceptLanguage,
  type ApiError,
  type Lang,
  type MessageParams,
} from '@hutong/platform-model';
import { CodedHttpException, LegacyHttpException, domainErrorBody, reasonPhrase } from './errors';
import { hasMessage, renderCode } from './messages';

/**
 * PostgreSQL SQLSTATE codes that are the caller's fault, not a server fault. MikroORM's exceptions keep the
 * driver error's `code`, so matching on it covers those and a raw `pg` error alike (and keeps this file
 * free of the ESM-only ORM, so it unit-tests in plain Jest).
 */
const SQLSTATE_CODES: Record<string, string> = {
  '23503': 'db.foreign_key_violation',
  '23505': 'db.unique_violation',
  // a value the database cannot take: an impossible date, a number out of range, text that is no uuid
  '22007': 'request.invalid_value',
  '22008': 'request.invalid_value',
  '22P02': 'request.invalid_value',
  '22003': 'request.out_of_range',
};

/**
 * The coded error for a database error that a service did not check for, or null when the error is
 * something else (which stays a 500). A service should still check first and answer with its own code;
 * this is the safety net, so that a missed check is never a 500.
 */
export function databaseError(e: unknown): DomainError | null {
  if (!(e instanceof Error)) return null;
  const sqlState = (e as { code?: unknown }).code;
  const code = typeof sqlState === 'string' ? SQLSTATE_CODES[sqlState] : undefined;
  if (!code) return null;
  const status = code.startsWith('db.') ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
  return new DomainError(code, {}, status);
}

/** @deprecated renamed: the 409 body of a constraint violation (see databaseError). */
export function constraintViolationBody(e: unknown): ApiError | null {
  const d = databaseError(e);
  return d && d.status === HttpStatus.CONFLICT ? domainErrorBody(d) : null;
}

/** Nest's own exceptions (no route, throttled…) by status. */
const STATUS_CODES: Record<number, string> = {
  400: 'common.bad_request',
  401: 'auth.required',
  403: 'common.forbidden',
  404: 'common.route_not_found',
  405: 'common.method_not_allowed',
  409: 'common.conflict',
  413: 'request.too_large',
  415: 'common.unsupported_media_type',
  422: 'common.unprocessable',
  429: 'common.too_many_requests',
  503: 'common.unavailable',
};

/** A validation detail as the ValidationPipe leaves it (see validation.ts), before rendering. */
interface ValidationDetail {
  field: string;
  constraint?: string;
  code: string;
  params?: MessageParams;
  /** a literal message of a DTO not yet converted to codes (Chinese) */
  literal?: string;
}

/** Details that carry codes (validation failures, a password problem …) get their `reason` in `lang`. */
function renderDetails(e: DomainError, lang: Lang): unknown {
  if (!Array.isArray(e.details)) return e.details;
  return (e.details as unknown[]).map((item) => {
    if (!item || typeof item !== 'object' || typeof (item as ValidationDetail).code !== 'string') return item;
    const { literal, ...d } = item as ValidationDetail;
    if (literal && lang === 'zh') return { ...d, reason: literal };
    if (!hasMessage(d.code)) return item;
    return { ...d, reason: renderCode(d.code, d.params, lang) };
  });
}

/** The ApiError answer to any exception, in `lang`; `log` says whether it is a server fault. */
export function toApiError(exception: unknown, lang: Lang): { body: ApiError; serverFault: boolean } {
  const domain =
    exception instanceof DomainError
      ? exception
      : exception instanceof CodedHttpException
        ? exception.domain
        : databaseError(exception);
  if (domain) {
    const body = domainErrorBody(domain, lang);
    if (domain.details !== undefined) body.details = renderDetails(domain, lang);
    if (domain.code === 'validation.failed' && Array.isArray(body.details) && body.details.length)
      body.message = (body.details as { reason: string }[]).map((d) => d.reason).join(lang === 'zh' ? '；' : '; ');
    return { body, serverFault: domain.status >= 500 };
  }
  if (exception instanceof LegacyHttpException) {
    return { body: exception.getResponse() as ApiError, serverFault: exception.getStatus() >= 500 };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const code = STATUS_CODES[status] ?? (status >= 500 ? 'common.server_error' : 'common.bad_request');
    return { body: domainErrorBody(new DomainError(code, {}, status), lang), serverFault: status >= 500 };
  }
  const status = HttpStatus.INTERNAL_SERVER_ERROR;
  return {
    body: {
      statusCode: status,
      error: reasonPhrase(status),
      message: renderCode('common.server_error', {}, lang),
      code: 'common.server_error',
      params: {},
    },
    serverFault: true,
  };
}

/**
 * The one exception filter of the api: every error leaves as an ApiError `{ statusCode, error, message,
 * code, params, details? }`, the message rendered from the catalogue in the language of `Accept-Language`
 * (Chinese by default). DomainErrors and coded HttpExceptions keep their code and status; database
 * constraint violations become 409 (`db.*`), values the database refuses 400; Nest's own exceptions get a
 * code by status; anything else is a 500 `common.server_error` (logged, never shown).
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const lang = langFromAcceptLanguage(req?.headers?.['accept-language']);
    const { body, serverFault } = toApiError(exception, lang);
    if (serverFault) this.log.error(exception instanceof Error ? (exception.stack ?? exception.message) : exception);
    else if (databaseError(exception)) {
      const e = exception as Error & { constraint?: string; table?: string };
      this.log.warn(`${body.code} (${e.table ?? '?'}.${e.constraint ?? '?'}): ${e.message}`);
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }
}
