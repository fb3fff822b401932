import { ROLES, type Role } from './roles';
import { jurisdictionRequired, nationwide, organisationRequired, ORG_READERS, ORG_WRITERS } from './access';

describe('roles', () => {
  it.each<[Role, boolean]>([
    ['admin', false],
    ['national', false],
    ['coordinator', true],
    ['viewer', true],
    ['applicant', false],
    ['expert', true],
  ])('%s needs a jurisdiction: %s', (role, needed) => {
    expect(jurisdictionRequired(role)).toBe(needed);
  });

  it.each<[Role, boolean]>([
    ['admin', false],
    ['national', false],
    ['coordinator', false],
    ['viewer', false],
    ['applicant', true],
    ['expert', true],
  ])('%s must belong to an organisation: %s', (role, needed) => {
    expect(organisationRequired(role)).toBe(needed);
  });

  it('gives admins and the national body the whole hierarchy, nobody else', () => {
    expect(ROLES.filter(nationwide).sort()).toEqual(['admin', 'national']);
  });

  it('lets only admins and coordinators write organisations', () => {
    expect([...ORG_WRITERS].sort()).toEqual(['admin', 'coordinator']);
  });

  it('lets every role read organisations', () => {
    expect([...ORG_READERS].sort()).toEqual([...ROLES].sort());
  });
});
