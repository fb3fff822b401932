import fc from 'fast-check';
import {
  DEFAULT_REMINDER_POLICY,
  dueAtEndOf,
  dueDayOf,
  dueReminderStep,
  isOverdueAt,
  isQuietHour,
  nextReminderStep,
  outsideQuietHours,
  overdueDays,
  policyProblems,
  reminderSteps,
  withPolicyDefaults,
} from './reminders';

describe('due instants in Asia/Shanghai', () => {
  it('a task due by the end of 2023-07-03 is overdue from 2023-07-03T16:00:00Z on', () => {
    const dueAt = dueAtEndOf('2023-07-03');
    expect(dueAt.toISOString()).toBe('2023-07-03T16:00:00.000Z');
    expect(isOverdueAt(dueAt, new Date('2023-07-03T15:59:59Z'))).toBe(false);
    expect(isOverdueAt(dueAt, new Date('2023-07-03T16:00:00Z'))).toBe(true);
    expect(dueDayOf(dueAt)).toBe('2023-07-03');
  });

  it('refuses an impossible date', () => {
    expect(() => dueAtEndOf('2023-02-30')).toThrow(RangeError);
  });

  it('counts overdue days in Shanghai calendar days', () => {
    const dueAt = dueAtEndOf('2023-07-03');
    expect(overdueDays(dueAt, new Date('2023-07-03T15:00:00Z'))).toBe(0);
    expect(overdueDays(dueAt, new Date('2023-07-03T16:00:00Z'))).toBe(1); // 00:00 on 07-04
    expect(overdueDays(dueAt, new Date('2023-07-05T15:59:00Z'))).toBe(2); // 23:59 on 07-05
    expect(overdueDays(dueAt, new Date('2023-07-05T16:00:00Z'))).toBe(3);
  });
});

describe('quiet hours', () => {
  it('are 22:00 to 08:00 in Shanghai', () => {
    expect(isQuietHour(new Date('2023-07-03T13:59:59Z'))).toBe(false); // 21:59
    expect(isQuietHour(new Date('2023-07-03T14:00:00Z'))).toBe(true); // 22:00
    expect(isQuietHour(new Date('2023-07-03T23:59:59Z'))).toBe(true); // 07:59
    expect(isQuietHour(new Date('2023-07-04T00:00:00Z'))).toBe(false); // 08:00
  });

  it('defer to the next 08:00', () => {
    expect(outsideQuietHours(new Date('2023-07-03T15:00:00Z')).toISOString()).toBe('2023-07-04T00:00:00.000Z');
    expect(outsideQuietHours(new Date('2023-07-03T21:00:00Z')).toISOString()).toBe('2023-07-04T00:00:00.000Z');
    const day = new Date('2023-07-03T05:00:00Z');
    expect(outsideQuietHours(day)).toBe(day);
  });
});

describe('reminder steps', () => {
  const dueAt = dueAtEndOf('2023-07-03');

  it('follow the default policy: 7, 3 and 1 days before, the due day, then daily, escalating', () => {
    const steps = reminderSteps(null, dueAt);
    expect(steps.slice(0, 6).map((s) => [s.key, s.at.toISOString(), s.audience])).toEqual([
      ['before-7', '2023-06-26T01:00:00.000Z', 'assignee'],
      ['before-3', '2023-06-30T01:00:00.000Z', 'assignee'],
      ['before-1', '2023-07-02T01:00:00.000Z', 'assignee'],
      ['due-day', '2023-07-03T01:00:00.000Z', 'assignee'],
      ['overdue-1', '2023-07-04T01:00:00.000Z', 'assignee'],
      ['overdue-2', '2023-07-05T01:00:00.000Z', 'assignee'],
    ]);
    expect(steps.find((s) => s.key === 'overdue-3')?.audience).toBe('head');
    expect(steps.find((s) => s.key === 'overdue-6')?.audience).toBe('coordinator');
    expect(steps.at(-1)?.key).toBe(`overdue-${DEFAULT_REMINDER_POLICY.overdueMaxDays}`);
  });

  it('without daily overdue reminders keep only the escalation steps', () => {
    const steps = reminderSteps({ overdueDaily: false, escalateAfterDays: 2 }, dueAt);
    expect(steps.map((s) => s.key)).toEqual(['before-7', 'before-3', 'before-1', 'due-day', 'overdue-2', 'overdue-4']);
  });

  it('skip the due-day reminder when the deadline is before the send hour', () => {
    const early = new Date('2023-07-03T00:30:00Z'); // 08:30 Shanghai
    expect(reminderSteps(null, early).map((s) => s.key)).not.toContain('due-day');
  });

  it('the next step after an instant, and the latest due one folds older missed steps', () => {
    expect(nextReminderStep(null, dueAt, new Date('2023-06-27T00:00:00Z'))?.key).toBe('before-3');
    expect(nextReminderStep({ overdueMaxDays: 0 }, dueAt, new Date('2023-07-03T02:00:00Z'))).toBeNull();
    expect(dueReminderStep(null, dueAt, new Date('2023-06-26T00:59:59Z'))).toBeNull();
    expect(dueReminderStep(null, dueAt, new Date('2023-07-02T03:00:00Z'))?.key).toBe('before-1');
  });

  it('validates a policy', () => {
    expect(policyProblems(withPolicyDefaults({}))).toEqual([]);
    expect(policyProblems(withPolicyDefaults({ beforeDays: [3, 3], sendHour: 23, escalateAfterDays: 0 }))).toEqual([
      'task.policy_before_days',
      'task.policy_escalate',
      'task.policy_send_hour',
    ]);
  });

  it('never fall in quiet hours, come in time order with unique keys (any valid policy, any due instant)', () => {
    const policy = fc.record({
      beforeDays: fc.uniqueArray(fc.integer({ min: 1, max: 90 }), { maxLength: 10 }),
      onDueDay: fc.boolean(),
      overdueDaily: fc.boolean(),
      overdueMaxDays: fc.integer({ min: 0, max: 60 }),
      escalateAfterDays: fc.option(fc.integer({ min: 1, max: 20 })),
      sendHour: fc.integer({ min: 8, max: 21 }),
    });
    const due = fc.date({
      min: new Date('2020-01-01T00:00:00Z'),
      max: new Date('2030-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(policy, due, (p, dueAt) => {
        expect(policyProblems(p)).toEqual([]);
        const steps = reminderSteps(p, dueAt);
        expect(new Set(steps.map((s) => s.key)).size).toBe(steps.length);
        for (let i = 0; i < steps.length; i++) {
          const s = steps[i]!;
          expect(isQuietHour(s.at)).toBe(false);
          if (i > 0) expect(s.at.getTime()).toBeGreaterThan(steps[i - 1]!.at.getTime());
          // before-steps and the due-day step come before the deadline; overdue steps after it
          expect(s.at.getTime() < dueAt.getTime()).toBe(s.offsetDays <= 0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
