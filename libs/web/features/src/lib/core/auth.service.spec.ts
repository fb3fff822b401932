import { navFor, homeFor } from './auth.service';

describe('navigation by role', () => {
  it('gives each role its menu', () => {
    expect(navFor('admin').map((n) => n.testId)).toEqual(['nav-organisations', 'nav-import', 'nav-users', 'nav-audit']);
    expect(navFor('coordinator').map((n) => n.testId)).toEqual(['nav-organisations', 'nav-import']);
    expect(navFor('viewer').map((n) => n.testId)).toEqual(['nav-organisations']);
    expect(navFor('applicant').map((n) => n.path)).toEqual(['/my-organisation']);
    expect(homeFor('expert')).toBe('/my-organisation');
    expect(homeFor('coordinator')).toBe('/organisations');
  });
});
