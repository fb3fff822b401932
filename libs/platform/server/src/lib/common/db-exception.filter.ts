import { ArgumentsHost, Catch, HttpStatus, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import type { ApiError } from '@hutong/platform-model';
import { reasonPhrase } from './errors';

/**
 * PostgreSQL SQLSTATE codes that are the caller's conflict, not a server fault. MikroORM's
 * ForeignKeyConstraintViolationException / UniqueConstraintViolationException keep the driver
 * error's `code`, so matching on it covers those and a raw `pg` error alike (and keeps this file
 * free of the ESM-only ORM, so it unit-tests in plain Jest).
 */
const FOREIGN_KEY_VIOLATION = '23503';
const UNIQUE_VIOLATION = '23505';

/**
 * The 409 body for a constraint violation that a service did not check for itself, or null when
 * the error is something else (which stays a 500). A service should still check first and answer
 * with its own code and message; this is the safety net, so that a missed check is never a 500.
 */
export function constraintViolationBody(e: unknown): ApiError | null {
  if (!(e instanceof Error)) return null;
  const code = (e as { code?: unknown }).code;
  const conflict = (message: string, errorCode: string): ApiError => ({
    statusCode: HttpStatus.CONFLICT,
    error: reasonPhrase(HttpStatus.CONFLICT),
    message,
    code: errorCode,
  });
  if (code === FOREIGN_KEY_VIOLATION)
    return conflict('该记录仍被其他数据引用（或引用的数据不存在），不能执行此操作', 'db.foreign_key_violation');
  if (code === UNIQUE_VIOLATION) return conflict('数据与已有记录重复，不能保存', 'db.unique_violation');
  return null;
}

/** Turns foreign-key and unique violations into a 409 ApiError; every other error goes the usual way. */
@Catch()
export class DbExceptionFilter extends BaseExceptionFilter {
  private readonly log = new Logger(DbExceptionFilter.name);

  override catch(exception: unknown, host: ArgumentsHost): void {
    const body = host.getType() === 'http' ? constraintViolationBody(exception) : null;
    if (!body) return super.catch(exception, host);
    const e = exception as Error & { constraint?: string; table?: string };
    this.log.warn(`${body.code} (${e.table ?? '?'}.${e.constraint ?? '?'}): ${e.message}`);
    host.switchToHttp().getResponse<Response>().status(body.statusCode).json(body);
  }
}
