import { HttpErrorResponse } from '@angular/common/http';
import { errorMessage, fieldErrors } from './api-error';
import type { TextKey } from './dictionaries';

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

  it('reads field errors in the shapes the API may send', () => {
    const body = (details: unknown) => http(400, { statusCode: 400, error: 'Bad Request', message: 'm', details });
    expect(fieldErrors(body({ code: '编码已存在' }))).toEqual({ code: '编码已存在' });
    expect(fieldErrors(body([{ field: 'regionCode', message: '不对' }]))).toEqual({ regionCode: '不对' });
    expect(fieldErrors(body({ fields: [{ property: 'name', reason: '太长' }] }))).toEqual({ name: '太长' });
    expect(fieldErrors(http(500, null))).toEqual({});
  });
});
