import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Body, Controller, Get, NotFoundException, Post, Query, type ArgumentsHost } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IsOptional, IsString } from 'class-validator';
import type { AddressInfo } from 'node:net';
import { DomainError, MAX_JSON_DEPTH, MAX_PAGE, type ApiError } from '@hutong/platform-model';
import { ApiExceptionFilter, constraintViolationBody, databaseError, toApiError } from './api-exception.filter';
import { bodyParserError, jsonDepth, useApiBodyParsers } from './body';
import { badRequest, coded, conflict, forbidden, httpError, notFound } from './errors';
import { registerMessages, renderCode } from './messages';
import { IsCalendarDate, PageField, PageSizeField, apiValidationPipe } from './validation';

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

function httpHost(acceptLanguage?: string) {
  const json = jest.fn<(body: unknown) => void>();
  const status = jest.fn<(code: number) => { json: typeof json }>(() => ({ json }));
  const host = {
    getType: () => 'http',
    switchToHttp: () => ({
      getRequest: () => ({ headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} }),
      getResponse: () => ({ status, headersSent: false }),
    }),
  } as unknown as ArgumentsHost;
  return { host, status, json };
}

registerMessages({
  messages: {
    'test.thing_taken': { status: 409, zh: '“{name}”已被{who|who}占用', en: '“{name}” is taken by {who|who}' },
  },
  labels: { who: { team: { zh: '团队', en: 'the team' } }, entity: { thing: { zh: '物品', en: 'thing' } } },
});

describe('the catalogue renders codes in zh and en, with params', () => {
  it('fills params and label tables', () => {
    expect(renderCode('test.thing_taken', { name: 'A1', who: 'team' }, 'zh')).toBe('“A1”已被团队占用');
    expect(renderCode('test.thing_taken', { name: 'A1', who: 'team' }, 'en')).toBe('“A1” is taken by the team');
    expect(renderCode('common.not_found', { entity: 'thing' }, 'en')).toBe('The thing does not exist');
    // a label the tables do not know is shown as it is (a Chinese word from code not yet converted)
    expect(renderCode('common.not_found', { entity: '申请' }, 'zh')).toBe('申请不存在');
    expect(renderCode('no.such_code', {}, 'en')).toBe('no.such_code');
  });
});

describe('the helpers throw coded errors; the old literal forms still work', () => {
  it('codes', () => {
    const e = conflict('test.thing_taken', { name: 'A1', who: 'team' });
    expect(e.getStatus()).toBe(409);
    expect(e.getResponse()).toMatchObject({ code: 'test.thing_taken', message: '“A1”已被团队占用' });
    expect(notFound('thing').getResponse()).toMatchObject({ statusCode: 404, code: 'common.not_found' });
    expect(forbidden().getResponse()).toMatchObject({ statusCode: 403, code: 'common.forbidden' });
    expect(badRequest('date.invalid', { value: '2023-02-30' }).getResponse()).toMatchObject({
      statusCode: 400,
      params: { value: '2023-02-30' },
    });
  });

  it('literals (deprecated) answer as before', () => {
    const e = httpError(409, '本批次已关闭', { x: 1 }, 'cycle.closed_legacy');
    expect(e.getResponse()).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: '本批次已关闭',
      details: { x: 1 },
      code: 'cycle.closed_legacy',
    });
    expect(conflict('该机构已在本批次中申请').getResponse()).toMatchObject({
      statusCode: 409,
      message: '该机构已在本批次中申请',
    });
    expect(badRequest('请填写异议理由').getResponse()).toMatchObject({ statusCode: 400, message: '请填写异议理由' });
  });
});

describe('the exception filter maps every error to a coded ApiError', () => {
  const answer = (e: unknown, lang?: string) => {
    const { host, status, json } = httpHost(lang);
    new ApiExceptionFilter().catch(e, host);
    return { status: status.mock.calls[0]?.[0], body: json.mock.calls[0]?.[0] as ApiError };
  };

  it('a DomainError (from a model rule): its status, code, params; zh by default, en by Accept-Language', () => {
    const e = new DomainError('test.thing_taken', { name: 'A1', who: 'team' }, 409, { field: 'name' });
    expect(answer(e)).toEqual({
      status: 409,
      body: {
        statusCode: 409,
        error: 'Conflict',
        message: '“A1”已被团队占用',
        code: 'test.thing_taken',
        params: { name: 'A1', who: 'team' },
        details: { field: 'name' },
      },
    });
    expect(answer(e, 'en-GB,en;q=0.9').body.message).toBe('“A1” is taken by the team');
    expect(answer(e, 'zh-CN,zh;q=0.9,en;q=0.8').body.message).toBe('“A1”已被团队占用');
  });

  it('a coded HttpException is rendered again in the request language', () => {
    expect(answer(coded('auth.required'), 'en').body).toMatchObject({
      statusCode: 401,
      code: 'auth.required',
      message: 'Please sign in',
    });
  });

  it('a literal (deprecated) HttpException keeps its body', () => {
    expect(answer(httpError(409, '本批次已关闭'), 'en').body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: '本批次已关闭',
    });
  });

  it('constraint violations become 409 with codes, never 500', () => {
    const fk = new ForeignKeyConstraintViolationException(pgError('23503', 'violates foreign key constraint'));
    expect(answer(fk)).toMatchObject({
      status: 409,
      body: { code: 'db.foreign_key_violation', message: expect.stringMatching(/引用/) },
    });
    expect(answer(new UniqueConstraintViolationException(pgError('23505', 'dup')), 'en').body).toMatchObject({
      statusCode: 409,
      code: 'db.unique_violation',
      message: expect.stringMatching(/duplicates/),
    });
    expect(databaseError(pgError('23505', 'uq'))?.code).toBe('db.unique_violation');
    expect(constraintViolationBody(pgError('23503', 'fk'))?.code).toBe('db.foreign_key_violation');
  });

  it('values the database refuses (an impossible date, an overflowing number) are 400', () => {
    expect(answer(pgError('22008', 'date/time field value out of range: "2023-02-30"')).body).toMatchObject({
      statusCode: 400,
      code: 'request.invalid_value',
    });
    expect(answer(pgError('22003', 'bigint out of range')).body).toMatchObject({
      statusCode: 400,
      code: 'request.out_of_range',
    });
  });

  it("Nest's own exceptions get a code by status", () => {
    expect(answer(new NotFoundException('Cannot GET /api/nope'), 'en').body).toMatchObject({
      statusCode: 404,
      code: 'common.route_not_found',
      message: 'No such endpoint',
    });
  });

  it('anything else is a 500 that shows nothing of the error', () => {
    const { status, body } = answer(new ConnectionException(new Error('connection refused to 10.0.0.1')));
    expect(status).toBe(500);
    expect(body).toMatchObject({ code: 'common.server_error' });
    expect(JSON.stringify(body)).not.toMatch(/10\.0\.0\.1/);
  });

  it('body-parser failures are coded', () => {
    expect(bodyParserError({ type: 'entity.parse.failed', status: 400 })?.code).toBe('request.malformed_json');
    expect(bodyParserError({ type: 'entity.too.large', status: 413 })).toMatchObject({
      code: 'request.too_large',
      status: 413,
    });
    expect(bodyParserError({ type: 'request.too_deep', status: 400 })?.code).toBe('request.too_deep');
    expect(bodyParserError(new Error('other'))).toBeNull();
    expect(toApiError(bodyParserError({ type: 'entity.too.large' }), 'en').body.message).toMatch(/at most 1 MB/);
  });

  it('measures the nesting of JSON, skipping strings', () => {
    expect(jsonDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(jsonDepth('{"a":"[[[[{{{{\\"]]"}')).toBe(1);
    expect(jsonDepth('[]')).toBe(1);
    expect(jsonDepth('"x"')).toBe(0);
  });
});

class ListQuery {
  @PageField() page?: number;
  @PageSizeField(200, 20) pageSize?: number;
  @IsOptional() @IsCalendarDate() from?: string;
}

class NoteBody {
  @IsString() note!: string;
}

@Controller('t')
class TestController {
  @Get()
  list(@Query() q: ListQuery) {
    return { ok: true, q };
  }

  @Post()
  post(@Body() b: NoteBody) {
    return { ok: true, note: b.note };
  }

  @Get('taken')
  taken() {
    throw conflict('test.thing_taken', { name: 'A1', who: 'team' });
  }
}

describe('over HTTP: body limits, validation, dates and pages', () => {
  let app: NestExpressApplication;
  let base: string;

  beforeAll(async () => {
    const { Module } = await import('@nestjs/common');
    @Module({ controllers: [TestController] })
    class TestModule {}
    app = await NestFactory.create<NestExpressApplication>(TestModule, { logger: false, bodyParser: false });
    useApiBodyParsers(app);
    app.setGlobalPrefix('api');
    app.useGlobalPipes(apiValidationPipe());
    app.useGlobalFilters(new ApiExceptionFilter());
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api`;
  });
  afterAll(() => app?.close());

  const get = async (path: string, lang?: string) => {
    const res = await fetch(base + path, { headers: lang ? { 'accept-language': lang } : {} });
    return { status: res.status, body: (await res.json()) as ApiError };
  };
  const post = async (body: string, lang?: string) => {
    const res = await fetch(`${base}/t`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(lang ? { 'accept-language': lang } : {}) },
      body,
    });
    return { status: res.status, body: (await res.json()) as ApiError };
  };

  it('answers a good request', async () => {
    expect(await get('/t?page=2&pageSize=50&from=2024-02-29')).toMatchObject({ status: 200 });
    expect(await post('{"note":"hi"}')).toMatchObject({ status: 201 });
  });

  it('malformed JSON → 400 request.malformed_json', async () => {
    expect(await post('{"note":')).toMatchObject({ status: 400, body: { code: 'request.malformed_json' } });
  });

  it('an over-size JSON body → 413 request.too_large', async () => {
    const big = JSON.stringify({ note: 'x'.repeat(1_100_000) });
    expect(await post(big, 'en')).toMatchObject({
      status: 413,
      body: { code: 'request.too_large', message: 'The request body is too large: at most 1 MB' },
    });
  });

  it('JSON nested deeper than the limit → 400 request.too_deep', async () => {
    const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
    expect(await post(deep)).toMatchObject({
      status: 400,
      body: { code: 'request.too_deep', params: { max: MAX_JSON_DEPTH } },
    });
    const ok = `{"note":"x","n":${'['.repeat(MAX_JSON_DEPTH - 1)}${']'.repeat(MAX_JSON_DEPTH - 1)}}`;
    expect((await post(ok)).body).toMatchObject({ code: 'validation.failed' }); // parsed, then n is unknown
  });

  it('validation failures → 400 validation.failed with per-field details, translated', async () => {
    const { status, body } = await post('{"note":5,"extra":1}', 'en');
    expect(status).toBe(400);
    expect(body.code).toBe('validation.failed');
    expect(body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'note', code: 'validation.string', reason: 'note must be text' }),
        expect.objectContaining({ field: 'extra', code: 'validation.unknown_field', reason: 'Unknown field extra' }),
      ]),
    );
    expect(body.message).toContain('note must be text');
  });

  it('an impossible date → 400 validation.date', async () => {
    const { status, body } = await get('/t?from=2023-02-30');
    expect(status).toBe(400);
    expect(body.details).toEqual([expect.objectContaining({ field: 'from', code: 'validation.date' })]);
  });

  it('pages out of range → 400, never 500', async () => {
    for (const q of [
      'page=0',
      'page=-1',
      `page=${MAX_PAGE + 1}`,
      'page=1e30',
      'page=abc',
      'pageSize=201',
      'pageSize=0',
    ]) {
      const { status, body } = await get(`/t?${q}`);
      expect([q, status]).toEqual([q, 400]);
      expect(body.code).toBe('validation.failed');
    }
    expect((await get('/t?page=0', 'en')).body.message).toBe(`The page is a whole number from 1 to ${MAX_PAGE}`);
  });

  it('a coded error in English', async () => {
    expect(await get('/t/taken', 'en')).toMatchObject({
      status: 409,
      body: { code: 'test.thing_taken', message: '“A1” is taken by the team', params: { name: 'A1', who: 'team' } },
    });
  });

  it('an unknown route → 404 common.route_not_found', async () => {
    expect(await get('/nope')).toMatchObject({ status: 404, body: { code: 'common.route_not_found' } });
  });
});
