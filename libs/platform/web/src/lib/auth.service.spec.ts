import { navFor, homeFor } from './auth.service';

describe('navigation by role', () => {
  it('gives each role its menu', () => {
    expect(navFor('admin').map((n) => n.testId)).toEqual([
      'nav-dashboard',
      'nav-tasks-issued',
      'nav-task-new',
      'nav-task-batches',
      'nav-organisations',
      'nav-import',
      'nav-users',
      'nav-audit',
      'nav-cycles',
      'nav-publicity',
      'nav-schemes',
    ]);
    expect(navFor('coordinator').map((n) => n.testId)).toEqual([
      'nav-dashboard',
      'nav-tasks-issued',
      'nav-task-new',
      'nav-task-batches',
      'nav-organisations',
      'nav-import',
      'nav-cycles',
      'nav-publicity',
      'nav-schemes',
    ]);
    expect(navFor('viewer').map((n) => n.testId)).toEqual([
      'nav-dashboard',
      'nav-tasks-issued',
      'nav-organisations',
      'nav-cycles',
      'nav-publicity',
    ]);
    expect(navFor('applicant').map((n) => n.path)).toEqual([
      '/home',
      '/tasks',
      '/applications',
      '/publicity',
      '/my-organisation',
    ]);
    expect(homeFor('applicant')).toBe('/home');
    expect(homeFor('expert')).toBe('/my-organisation');
    expect(homeFor('coordinator')).toBe('/dashboard');
  });
});
