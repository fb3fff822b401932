import { SCORING_AUDIENCE, scoringReminderPlan, scoringReminderStep } from './reminders';

// due 2026-12-25: the end of that day in Asia/Shanghai is 2026-12-25T16:00Z; reminders go out at 09:00 Shanghai (01:00Z)
const DUE = '2026-12-25';

describe('scoring reminders (the tasks capability’s rule on the session’s scoring deadline)', () => {
  it('plans three days and one day before, the due day, then fourteen overdue days, escalating from the second', () => {
    const plan = scoringReminderPlan(DUE);
    expect(plan.slice(0, 3).map((s) => [s.key, s.at.toISOString(), s.audience])).toEqual([
      ['before-3', '2026-12-22T01:00:00.000Z', 'assignee'],
      ['before-1', '2026-12-24T01:00:00.000Z', 'assignee'],
      ['due-day', '2026-12-25T01:00:00.000Z', 'assignee'],
    ]);
    const overdue = plan.slice(3);
    expect(overdue).toHaveLength(14);
    expect(overdue.map((s) => s.audience).slice(0, 5)).toEqual([
      'assignee',
      'head',
      'head',
      'coordinator',
      'coordinator',
    ]);
    expect(overdue[13]!.key).toBe('overdue-14');
  });

  it('sends nothing before the first step, the latest due step after (missed steps fold into it)', () => {
    expect(scoringReminderStep(DUE, new Date('2026-12-22T00:59:59Z'))).toBeNull();
    expect(scoringReminderStep(DUE, new Date('2026-12-22T01:00:00Z'))?.key).toBe('before-3');
    // a worker down from the 22nd to the 27th sends one reminder: the second overdue day's, to the chair too
    const late = scoringReminderStep(DUE, new Date('2026-12-27T03:00:00Z'))!;
    expect([late.key, late.audience]).toEqual(['overdue-2', 'head']);
    expect(SCORING_AUDIENCE[late.audience]).toEqual(['expert', 'chair']);
    // the due day reads in Shanghai: 23:30 on the 25th there is still the due day, not overdue
    expect(scoringReminderStep(DUE, new Date('2026-12-25T15:30:00Z'))?.key).toBe('due-day');
    expect(scoringReminderStep(DUE, new Date('2027-01-20T01:00:00Z'))?.key).toBe('overdue-14');
  });
});
