import { navFor, homeFor } from './auth.service';

describe('navigation by role', () => {
  it('gives an expert its reviews, its profile and its organisation', () => {
    expect(navFor('expert').map((n) => n.testId)).toEqual([
      'nav-review-workspace',
      'nav-review-profile',
      'nav-my-organisation',
    ]);
  });

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
      'nav-review-conformance',
      'nav-review-sessions',
      'nav-review-experts',
      'nav-monitoring',
      'nav-monitoring-bulletins',
      'nav-monitoring-catalogues',
      'nav-monitoring-imports',
      'nav-monitoring-keys',
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
      'nav-review-conformance',
      'nav-review-sessions',
      'nav-review-experts',
      'nav-monitoring',
      'nav-monitoring-bulletins',
      'nav-monitoring-catalogues',
      'nav-monitoring-imports',
      'nav-monitoring-keys',
      'nav-publicity',
      'nav-schemes',
    ]);
    expect(navFor('viewer').map((n) => n.testId)).toEqual([
      'nav-dashboard',
      'nav-tasks-issued',
      'nav-organisations',
      'nav-cycles',
      'nav-review-sessions',
      'nav-monitoring',
      'nav-monitoring-bulletins',
      'nav-monitoring-catalogues',
      'nav-publicity',
    ]);
    expect(navFor('applicant').map((n) => n.path)).toEqual([
      '/home',
      '/tasks',
      '/applications',
      '/publicity',
      '/my-organisation',
    ]);
    // a hospital user reads its own institution's monitoring page
    expect(navFor('applicant', 'org-1').map((n) => n.path)).toEqual([
      '/home',
      '/tasks',
      '/applications',
      '/monitoring/institutions/org-1',
      '/publicity',
      '/my-organisation',
    ]);
    expect(navFor('national').map((n) => n.testId)).toContain('nav-monitoring');
    expect(navFor('national').map((n) => n.testId)).toContain('nav-monitoring-bulletins');
    expect(navFor('national').map((n) => n.testId)).toContain('nav-monitoring-catalogues');
    expect(navFor('applicant', 'org-1').map((n) => n.testId)).not.toContain('nav-monitoring-catalogues');
    expect(navFor('applicant', 'org-1').map((n) => n.testId)).not.toContain('nav-monitoring-bulletins');
    expect(homeFor('applicant')).toBe('/home');
    expect(homeFor('expert')).toBe('/review/workspace');
    expect(homeFor('coordinator')).toBe('/dashboard');
  });
});
