import { FormControl, Validators } from '@angular/forms';
import { errorText } from './form-errors';
import { I18nService } from './i18n.service';
import { TestBed } from '@angular/core/testing';
import { SERVER_ERROR, applyServerErrors } from './validators';

describe('validators', () => {
  it('puts server messages on fields without touching their values, and an edit clears them', () => {
    const code = new FormControl('X-1', [Validators.required]);
    const name = new FormControl('南京市第一医院');
    expect(applyServerErrors({ code, name }, { code: '编码已存在', other: 'ignored' })).toBe(true);
    expect(code.value).toBe('X-1');
    expect(code.errors?.[SERVER_ERROR]).toBe('编码已存在');
    expect(name.errors).toBeNull();
    code.setValue('X-2');
    expect(code.errors).toBeNull();
  });

  it('turns errors into messages', () => {
    const t = TestBed.inject(I18nService).t;
    expect(errorText({ required: true }, t)).toBe('必填');
    expect(errorText({ regionProblem: '区县级行政区划代码不应以00结尾' }, t)).toBe('区县级行政区划代码不应以00结尾');
    expect(errorText(null, t)).toBe('');
  });
});
