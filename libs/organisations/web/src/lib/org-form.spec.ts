import { childLevels, kindsFor } from './org-form';
import { acceptedFile, importRejection, isFinished } from './import.page';
import { HttpErrorResponse } from '@angular/common/http';

describe('organisation form rules', () => {
  it('offers the levels that may hang under the parent', () => {
    expect(childLevels(null)).toEqual(['province']);
    expect(childLevels({ level: 'province' })).toEqual(['city', 'institution']);
    expect(childLevels({ level: 'city' })).toEqual(['county', 'institution']);
    expect(childLevels({ level: 'institution' })).toEqual([]);
  });

  it('offers the kinds of a level', () => {
    expect(kindsFor('city')).toEqual(['region']);
    expect(kindsFor('institution')).not.toContain('region');
  });
});

describe('import helpers', () => {
  it('recognises a rejected import', () => {
    const rows = [{ line: 2, column: 'code', reason: '编码不能为空' }];
    const err = new HttpErrorResponse({
      status: 422,
      error: {
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: '导入文件有错误',
        details: { rows, totalRows: 5 },
      },
    });
    expect(importRejection(err)?.details.rows).toEqual(rows);
    expect(importRejection(new HttpErrorResponse({ status: 400, error: {} }))).toBeNull();
  });

  it('knows finished states and accepted files', () => {
    expect(isFinished('running')).toBe(false);
    expect(isFinished('failed')).toBe(true);
    expect(acceptedFile('机构.CSV')).toBe(true);
    expect(acceptedFile('orgs.xlsx')).toBe(true);
    expect(acceptedFile('orgs.xls')).toBe(false);
  });
});
