import { ROLES, type Role } from '@hutong/shared-contracts';
import { jurisdictionRequired, organisationRequired, ORG_READERS, ORG_WRITERS, passwordProblem } from './access';

describe('passwordProblem', () => {
  it('is the message of the password policy (checkPassword), with the user name', () => {
    expect(passwordProblem('Hutong-demo-2026')).toBeNull();
    expect(passwordProblem('Password123')).toBe('密码过于常见，请换一个');
    expect(passwordProblem('Coordinator-2026', 'coordinator')).toBe('密码不能包含用户名');
  });
});

describe('roles', () => {
  it.each<[Role, boolean]>([
    ['admin', false],
    ['coordinator', true],
    ['viewer', true],
    ['applicant', false],
    ['expert', true],
  ])('%s needs a jurisdiction: %s', (role, needed) => {
    expect(jurisdictionRequired(role)).toBe(needed);
  });

  it.each<[Role, boolean]>([
    ['admin', false],
    ['coordinator', false],
    ['viewer', false],
    ['applicant', true],
    ['expert', true],
  ])('%s must belong to an organisation: %s', (role, needed) => {
    expect(organisationRequired(role)).toBe(needed);
  });

  it('lets only admins and coordinators write organisations', () => {
    expect([...ORG_WRITERS].sort()).toEqual(['admin', 'coordinator']);
  });

  it('lets every role read organisations', () => {
    expect([...ORG_READERS].sort()).toEqual([...ROLES].sort());
  });
});
