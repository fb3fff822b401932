import { FormControl } from '@angular/forms';
import { passwordValidator, passwordValidatorFor, usernameValidator } from './user-validators';

describe('user validators', () => {
  it('checks the password with the shared policy', () => {
    expect(passwordValidator(new FormControl(''))).toBeNull();
    expect(passwordValidator(new FormControl('short1'))).toEqual({
      password: { code: 'password.too_short', message: '密码至少10位' },
    });
    expect(passwordValidator(new FormControl('onlyletters'))).toEqual({
      password: {
        code: 'password.too_simple',
        message: '密码须包含大写字母、小写字母、数字、符号中的至少三类，或长度不少于16位',
      },
    });
    expect(passwordValidator(new FormControl('Password123'))).toEqual({
      password: { code: 'password.common', message: '密码过于常见，请换一个' },
    });
    expect(passwordValidator(new FormControl('Letters4and2digits'))).toBeNull();
    expect(passwordValidator(new FormControl('Hutong-demo-2026'))).toBeNull();
  });

  it('refuses a password containing the user name the form holds', () => {
    let name = 'zhangsan';
    const validator = passwordValidatorFor(() => name);
    expect(validator(new FormControl('Zhangsan-2026!'))).toEqual({
      password: { code: 'password.contains_username', message: '密码不能包含用户名' },
    });
    name = 'lisi-01';
    expect(validator(new FormControl('Zhangsan-2026!'))).toBeNull();
  });

  it('checks usernames', () => {
    expect(usernameValidator(new FormControl('coord.nanjing'))).toBeNull();
    expect(usernameValidator(new FormControl('a b'))).toEqual({ username: true });
  });
});
