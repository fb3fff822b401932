import { FormControl, Validators } from '@angular/forms';
import { errorText } from './form-errors';
import { I18nService } from './i18n.service';
import { TestBed } from '@angular/core/testing';
import {
  SERVER_ERROR,
  applyServerErrors,
  orgCodeValidator,
  passwordValidator,
  passwordValidatorFor,
  regionCodeValidator,
  usernameValidator,
} from './validators';

describe('validators', () => {
  it('checks the password with the shared policy', () => {
    expect(passwordValidator(new FormControl(''))).toBeNull();
    expect(passwordValidator(new FormControl('short1'))).toEqual({ password: '密码至少10位' });
    expect(passwordValidator(new FormControl('onlyletters'))).toEqual({
      password: '密码须包含大写字母、小写字母、数字、符号中的至少三类，或长度不少于16位',
    });
    expect(passwordValidator(new FormControl('Password123'))).toEqual({ password: '密码过于常见，请换一个' });
    expect(passwordValidator(new FormControl('Letters4and2digits'))).toBeNull();
    expect(passwordValidator(new FormControl('Hutong-demo-2026'))).toBeNull();
  });

  it('refuses a password containing the user name the form holds', () => {
    let name = 'zhangsan';
    const validator = passwordValidatorFor(() => name);
    expect(validator(new FormControl('Zhangsan-2026!'))).toEqual({ password: '密码不能包含用户名' });
    name = 'lisi-01';
    expect(validator(new FormControl('Zhangsan-2026!'))).toBeNull();
  });

  it('checks organisation and region codes', () => {
    expect(orgCodeValidator(new FormControl('12320000MB0D12345X'))).toBeNull();
    expect(orgCodeValidator(new FormControl('bad code'))).toEqual({ orgCode: true });
    expect(regionCodeValidator(new FormControl('320100'))).toBeNull();
    expect(regionCodeValidator(new FormControl('32010'))).toEqual({ regionCode: true });
    expect(regionCodeValidator(new FormControl('032010'))).toEqual({ regionCode: true });
  });

  it('checks usernames', () => {
    expect(usernameValidator(new FormControl('coord.nanjing'))).toBeNull();
    expect(usernameValidator(new FormControl('a b'))).toEqual({ username: true });
  });

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
