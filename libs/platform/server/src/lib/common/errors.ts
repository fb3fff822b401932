import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, isMessageCode, type ApiError, type Lang, type MessageParams } from '@hutong/platform-model';
import { renderCode, statusOfCode } from './messages';

/** "Not Found", "Conflict", … — the reason phrase Nest writes in `error`. */
export function reasonPhrase(status: HttpStatus | number): string {
  const name = HttpStatus[status] as string | undefined;
  if (!name) return status >= 500 ? 'Internal Server Error' : 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join(' ');
}

/** The ApiError body of a coded error in `lang`: `{ statusCode, error, message, code, params, details? }`. */
export function domainErrorBody(e: DomainError, lang: Lang = 'zh'): ApiError {
  return {
    statusCode: e.status,
    error: reasonPhrase(e.status),
    message: renderCode(e.code, e.params, lang),
    code: e.code,
    params: e.params,
    ...(e.details === undefined ? {} : { details: e.details }),
  };
}

/**
 * An HttpException carrying a DomainError: Nest (and code that reads `getResponse()`) sees the Chinese body;
 * the exception filter renders it again in the request's language.
 */
export class CodedHttpException extends HttpException {
  constructor(readonly domain: DomainError) {
    super(domainErrorBody(domain, 'zh'), domain.status, { cause: domain });
  }
}

/** An error from before the codes: its message is a Chinese literal, answered as it is. */
export class LegacyHttpException extends HttpException {}

/**
 * A coded error: `coded('organisation.in_use')`, `coded('date.invalid', { value })`. The status is the
 * catalogue's unless given.
 */
export function coded(
  code: string,
  params: MessageParams = {},
  details?: unknown,
  status?: number,
): CodedHttpException {
  return new CodedHttpException(new DomainError(code, params, status ?? statusOfCode(code), details));
}

/** A DomainError (from a model rule) as an exception Nest throws. */
export function fromDomain(e: DomainError): CodedHttpException {
  return new CodedHttpException(e);
}

/** A code (`organisation.in_use`), not a literal message (Chinese, or words with spaces). */
const isCode = (s: string): boolean => isMessageCode(s);

/**
 * @deprecated Throw a coded error instead (`coded(code, params)`, `conflict(code, params)`…): a literal
 * message cannot be translated. Kept so that code not yet converted compiles and answers as before.
 */
export function httpError(status: HttpStatus, message: string, details?: unknown, code?: string): HttpException {
  if (isCode(message)) return coded(message, {}, details, status);
  const body: ApiError = {
    statusCode: status,
    error: reasonPhrase(status),
    message,
    ...(details === undefined ? {} : { details }),
    ...(code === undefined ? {} : { code }),
  };
  return new LegacyHttpException(body, status);
}

/**
 * 404 `common.not_found` naming the entity: `notFound('organisation')` renders 机构不存在 / The organisation
 * does not exist (the names are the `entity` label table of the catalogues). A name the tables do not know
 * (a Chinese word from code not yet converted) is shown as it is.
 */
export const notFound = (entity: string, params: MessageParams = {}) =>
  coded('common.not_found', { entity, ...params }, undefined, HttpStatus.NOT_FOUND);

/**
 * 403: `forbidden()` is `common.forbidden`; `forbidden('access.role')` a coded reason.
 * A literal message (deprecated) is answered as it is.
 */
export function forbidden(codeOrMessage = 'common.forbidden', params: MessageParams = {}): HttpException {
  return isCode(codeOrMessage)
    ? coded(codeOrMessage, params, undefined, HttpStatus.FORBIDDEN)
    : httpError(HttpStatus.FORBIDDEN, codeOrMessage);
}

/**
 * 409: `conflict('organisation.in_use')`, `conflict('cycle.duplicate', { year, batch })`, details third.
 * The old form `conflict(message, details?, code?)` still works (deprecated: the message stays Chinese).
 */
export function conflict(codeOrMessage: string, paramsOrDetails?: unknown, detailsOrCode?: unknown): HttpException {
  if (isCode(codeOrMessage))
    return coded(
      codeOrMessage,
      (paramsOrDetails as MessageParams | undefined) ?? {},
      detailsOrCode,
      HttpStatus.CONFLICT,
    );
  return httpError(HttpStatus.CONFLICT, codeOrMessage, paramsOrDetails, detailsOrCode as string | undefined);
}

/**
 * 400: `badRequest('organisation.parent_required')`, `badRequest('date.invalid', { value })`, details third.
 * The old form `badRequest(message, details?)` still works (deprecated).
 */
export function badRequest(codeOrMessage: string, paramsOrDetails?: unknown, details?: unknown): HttpException {
  if (isCode(codeOrMessage))
    return coded(codeOrMessage, (paramsOrDetails as MessageParams | undefined) ?? {}, details, HttpStatus.BAD_REQUEST);
  return httpError(HttpStatus.BAD_REQUEST, codeOrMessage, paramsOrDetails);
}
