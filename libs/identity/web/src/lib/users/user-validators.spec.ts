import { FormControl } from '@angular/forms';
import { passwordValidator, usernameValidator } from './user-validators';

describe('user validators', () => {
  it('checks the password with the shared policy', () => {
    expect(passwordValidator(new FormControl(''))).toBeNull();
    expect(passwordValidator(new FormControl('short1'))).toEqual({ password: '密码至少10位' });
    expect(passwordValidator(new FormControl('onlyletters'))).toEqual({ password: '密码必须同时包含字母和数字' });
    expect(passwordValidator(new FormControl('letters4and2digits'))).toBeNull();
  });

  it('checks usernames', () => {
    expect(usernameValidator(new FormControl('coord.nanjing'))).toBeNull();
    expect(usernameValidator(new FormControl('a b'))).toEqual({ username: true });
  });
});
