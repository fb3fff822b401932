import { DEMO_PASSWORD } from '@hutong/organisations-model';
import { passwordProblem } from './passwords';

describe('passwordProblem', () => {
  it('is the message of the password policy (checkPassword), with the user name', () => {
    expect(passwordProblem('Hutong-demo-2026')).toBeNull();
    expect(passwordProblem('Password123')).toBe('密码过于常见，请换一个');
    expect(passwordProblem('Coordinator-2026', 'coordinator')).toBe('密码不能包含用户名');
  });
});

describe('the demo password', () => {
  it('meets the policy', () => {
    expect(DEMO_PASSWORD).toBe('Hutong-demo-2026');
    expect(passwordProblem(DEMO_PASSWORD)).toBeNull();
  });
});
