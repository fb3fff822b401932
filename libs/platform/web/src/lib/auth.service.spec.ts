import { navFor, homeFor } from './auth.service';

describe('navigation by role', () => {
  it('gives each role its menu', () => {
    expect(navFor('admin').map((n) => n.testId)).toEqual([
      'nav-organisations',
      'nav-import',
      'nav-users',
      'nav-audit',
      'nav-cycles',
      'nav-publicity',
      'nav-schemes',
    ]);
    expect(navFor('coordinator').map((n) => n.testId)).toEqual([
      'nav-organisations',
      'nav-import',
      'nav-cycles',
      'nav-publicity',
      'nav-schemes',
    ]);
    expect(navFor('viewer').map((n) => n.testId)).toEqual(['nav-organisations', 'nav-cycles', 'nav-publicity']);
    expect(navFor('applicant').map((n) => n.path)).toEqual(['/applications', '/publicity', '/my-organisation']);
    expect(homeFor('applicant')).toBe('/applications');
    expect(homeFor('expert')).toBe('/my-organisation');
    expect(homeFor('coordinator')).toBe('/organisations');
  });
});
