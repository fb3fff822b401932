import { HttpErrorResponse } from '@angular/common/http';
import { errorMessage, fieldErrors } from './api-error';
import type { TextKey } from './i18n/texts';

const t = (k: TextKey) => k;
const http = (status: number, error: unknown) => new HttpErrorResponse({ status, error });

describe('api errors', () => {
  it('prefers the server message', () => {
    expect(errorMessage(http(409, { statusCode: 409, error: 'Conflict', message: '编码已存在' }), t)).toBe(
      '编码已存在',
    );
    expect(errorMessage(http(400, { statusCode: 400, error: 'Bad Request', message: ['a', 'b'] }), t)).toBe('a；b');
  });

  it('falls back on the status', () => {
    expect(errorMessage(http(0, null), t)).toBe('common.networkError');
    expect(errorMessage(http(429, { statusCode: 429, error: 'x', message: 'ThrottlerException' }), t)).toBe(
      'common.tooMany',
    );
    expect(errorMessage(http(403, null), t)).toBe('common.forbidden');
    expect(errorMessage(http(500, 'oops'), t)).toBe('common.serverError');
    expect(errorMessage(new Error('x'), t)).toBe('common.serverError');
  });

  it('translates codes with the catalogue when it can, the validation details too', () => {
    const tr = Object.assign((k: TextKey) => k, {
      message: (code: string, params?: Record<string, string | number>) =>
        code === 'x.known'
          ? `known ${params?.['n'] ?? ''}`
          : code === 'validation.string'
            ? `${params?.['field']} is text`
            : null,
    });
    expect(
      errorMessage(
        http(409, { statusCode: 409, error: 'Conflict', message: '中文', code: 'x.known', params: { n: 2 } }),
        tr,
      ),
    ).toBe('known 2');
    expect(
      errorMessage(http(409, { statusCode: 409, error: 'Conflict', message: '中文', code: 'x.unknown' }), tr),
    ).toBe('中文');
    const invalid = http(400, {
      statusCode: 400,
      error: 'Bad Request',
      message: 'note 应为文字',
      code: 'validation.failed',
      details: [{ field: 'note', code: 'validation.string', params: { field: 'note' }, reason: 'note 应为文字' }],
    });
    expect(errorMessage(invalid, tr)).toBe('note is text');
    expect(fieldErrors(invalid, tr)).toEqual({ note: 'note is text' });
    expect(fieldErrors(invalid)).toEqual({ note: 'note 应为文字' });
    expect(errorMessage(http(429, { statusCode: 429, error: 'x', message: 'm', code: 'x.known' }), tr)).toBe('known ');
  });

  it('reads field errors in the shapes the API may send', () => {
    const body = (details: unknown) => http(400, { statusCode: 400, error: 'Bad Request', message: 'm', details });
    expect(fieldErrors(body({ code: '编码已存在' }))).toEqual({ code: '编码已存在' });
    expect(fieldErrors(body([{ field: 'regionCode', message: '不对' }]))).toEqual({ regionCode: '不对' });
    expect(fieldErrors(body({ fields: [{ property: 'name', reason: '太长' }] }))).toEqual({ name: '太长' });
    expect(fieldErrors(http(500, null))).toEqual({});
  });
});
