import { APPLICATION_STATES, type ApplicationState, type StageWindow } from './contracts';
import { dueDateOf } from './deadlines';

const WINDOWS: StageWindow[] = [
  { key: 'application', start: '2026-03-01', end: '2026-03-31' },
  { key: 'documentReview', start: '2026-04-10', end: '2026-04-30' },
  { key: 'onsite', start: '2026-05-10', end: '2026-05-31' },
  { key: 'results', start: '2026-06-10', end: '2026-06-30' },
];

describe('dueDateOf', () => {
  const expected: Record<ApplicationState, string | null> = {
    draft: '2026-03-31',
    submitted: '2026-04-10',
    completeness_check: '2026-04-10',
    returned: '2026-04-05',
    conformance_testing: '2026-04-30',
    document_review: '2026-04-30',
    onsite: '2026-05-31',
    rating: '2026-06-30',
    referred: null,
    publicity: null,
    objection: null,
    published: null,
    not_passed: null,
    withdrawn: null,
  };

  it.each(APPLICATION_STATES.map((s) => [s, expected[s]] as const))('%s is due %s', (state, due) => {
    expect(dueDateOf(state, WINDOWS, '2026-04-05')).toBe(due);
  });

  it('has no due date when the window is missing', () => {
    expect(dueDateOf('draft', [], null)).toBeNull();
    expect(dueDateOf('returned', WINDOWS, null)).toBeNull();
  });
});
