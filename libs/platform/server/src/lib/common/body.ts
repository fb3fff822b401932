import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json, type NextFunction, type Request, type Response } from 'express';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, MAX_JSON_DEPTH } from '@hutong/platform-model';

export const JSON_BODY_LIMIT = '1mb';

/** The deepest nesting of objects and arrays in a JSON text (strings skipped), stopping once past `max`. */
export function jsonDepth(text: string, max = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > max) return deepest;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

class BodyTooDeepError extends Error {
  readonly status = 400;
  readonly type = 'request.too_deep';
}

/** body-parser's `verify`: refuses a body nested deeper than MAX_JSON_DEPTH before it is parsed. */
function verifyDepth(_req: IncomingMessage, _res: ServerResponse, buf: Buffer): void {
  if (jsonDepth(buf.toString('utf8'), MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw new BodyTooDeepError('too deep');
}

/** The coded error for a body-parser failure, or null for any other error. */
export function bodyParserError(err: unknown): DomainError | null {
  if (!err || typeof err !== 'object') return null;
  const type = (err as { type?: unknown }).type;
  if (type === 'request.too_deep') return new DomainError('request.too_deep', { max: MAX_JSON_DEPTH }, 400);
  if (type === 'entity.too.large') return new DomainError('request.too_large', { limit: '1 MB' }, 413);
  if (type === 'entity.parse.failed') return new DomainError('request.malformed_json', {}, 400);
  if (type === 'encoding.unsupported' || type === 'charset.unsupported')
    return new DomainError('common.unsupported_media_type', {}, 415);
  if (type === 'request.aborted' || type === 'request.size.invalid' || type === 'stream.encoding.set')
    return new DomainError('common.bad_request', {}, 400);
  return null;
}

/** A route that takes a larger JSON body than the api's 1 MB (e.g. a batch of statistics). */
export interface BulkJsonRoute {
  path: string;
  limitBytes: number;
}

/**
 * The api's body parsers: JSON and urlencoded up to 1 MB, JSON nested at most MAX_JSON_DEPTH deep. A
 * failure goes on as a DomainError (malformed → 400 `request.malformed_json`, too large → 413
 * `request.too_large`, too deep → 400 `request.too_deep`), which the exception filter answers.
 * Create the app with `bodyParser: false` and call this before the routes.
 */
export function useApiBodyParsers(app: INestApplication, bulk: BulkJsonRoute[] = []): void {
  const express = app as NestExpressApplication;
  // a bulk route's larger JSON is parsed first; the general parser then leaves that body alone
  for (const r of bulk) express.use(r.path, json({ limit: r.limitBytes, verify: verifyDepth }));
  express.useBodyParser('json', { limit: JSON_BODY_LIMIT, verify: verifyDepth });
  express.useBodyParser('urlencoded', { limit: JSON_BODY_LIMIT, extended: false });
  express.use((err: unknown, _req: Request, _res: Response, next: NextFunction) => next(bodyParserError(err) ?? err));
}
