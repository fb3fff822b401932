import { describe, expect, it, jest } from '@jest/globals';
import type { ArgumentsHost } from '@nestjs/common';
import { DbExceptionFilter, constraintViolationBody } from './db-exception.filter';

function pgError(code: string, message: string) {
  return Object.assign(new Error(message), { code, constraint: 'application_organisation_id_foreign' });
}

/** What MikroORM throws: its exception copies the driver error's own properties, `code` included. */
class ForeignKeyConstraintViolationException extends Error {
  constructor(previous: Error) {
    super(previous.message);
    Object.assign(this, previous);
  }
}
class UniqueConstraintViolationException extends ForeignKeyConstraintViolationException {}
class ConnectionException extends ForeignKeyConstraintViolationException {}

function httpHost() {
  const json = jest.fn<(body: unknown) => void>();
  const status = jest.fn<(code: number) => { json: typeof json }>(() => ({ json }));
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({ getResponse: () => ({ status }) }),
  } as unknown as ArgumentsHost;
  return { host, status, json };
}

describe('constraint violations become 409, never 500', () => {
  it('maps a foreign-key violation (23503) to 409 db.foreign_key_violation', () => {
    const e = new ForeignKeyConstraintViolationException(
      pgError('23503', 'update or delete on table "organisation" violates foreign key constraint'),
    );
    expect(constraintViolationBody(e)).toEqual({
      statusCode: 409,
      error: 'Conflict',
      code: 'db.foreign_key_violation',
      message: expect.stringMatching(/引用/),
    });
  });

  it('maps a unique violation (23505) to 409 db.unique_violation', () => {
    const e = new UniqueConstraintViolationException(pgError('23505', 'duplicate key value'));
    expect(constraintViolationBody(e)).toMatchObject({ statusCode: 409, code: 'db.unique_violation' });
  });

  it('recognises a raw PostgreSQL error by its SQLSTATE too', () => {
    expect(constraintViolationBody(pgError('23503', 'fk'))?.code).toBe('db.foreign_key_violation');
    expect(constraintViolationBody(pgError('23505', 'uq'))?.code).toBe('db.unique_violation');
  });

  it('leaves other errors alone', () => {
    expect(constraintViolationBody(new ConnectionException(new Error('connection refused')))).toBeNull();
    expect(constraintViolationBody(pgError('42P01', 'relation does not exist'))).toBeNull();
    expect(constraintViolationBody('boom')).toBeNull();
  });

  it('writes the 409 body on the HTTP response', () => {
    const { host, status, json } = httpHost();
    new DbExceptionFilter().catch(new ForeignKeyConstraintViolationException(pgError('23503', 'fk')), host);
    expect(status).toHaveBeenCalledWith(409);
    expect(json).toHaveBeenCalledWith(expect.objectContaining({ statusCode: 409, code: 'db.foreign_key_violation' }));
  });
});
