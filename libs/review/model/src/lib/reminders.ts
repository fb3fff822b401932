/**
 * When an expert is reminded of a score sheet it has not submitted: the tasks capability's reminder rule
 * (`reminderSteps` / `dueReminderStep` of @hutong/tasks-model — the same steps, send hour and folding of missed
 * steps as every deadline task) applied to the session's scoring deadline with the review's own policy: three
 * days and one day before, on the due day, then daily for two weeks; from the second overdue day the chair is
 * told too, from the fourth the coordinator who runs the session.
 */
import {
  dueAtEndOf,
  dueReminderStep,
  reminderSteps,
  type ReminderAudience,
  type ReminderPolicy,
  type ReminderStep,
} from '@hutong/tasks-model';

export const SCORING_REMINDER_POLICY: Readonly<ReminderPolicy> = Object.freeze({
  beforeDays: [3, 1],
  onDueDay: true,
  overdueDaily: true,
  overdueMaxDays: 14,
  escalateAfterDays: 2,
  sendHour: 9,
});

/** Who hears of an unsubmitted sheet at a step: the expert; from `head` the chair; from `coordinator` the organiser. */
export const SCORING_AUDIENCE: Record<ReminderAudience, readonly ('expert' | 'chair' | 'organiser')[]> = {
  assignee: ['expert'],
  head: ['expert', 'chair'],
  coordinator: ['expert', 'chair', 'organiser'],
};

/** The reminder step that has fallen due at `now` for a sheet due by the end of `scoringDue` (Asia/Shanghai), or null. */
export function scoringReminderStep(scoringDue: string, now: Date): ReminderStep | null {
  return dueReminderStep(SCORING_REMINDER_POLICY, dueAtEndOf(scoringDue), now);
}

/** Every step of the plan (for the page that explains when experts are reminded). */
export function scoringReminderPlan(scoringDue: string): ReminderStep[] {
  return reminderSteps(SCORING_REMINDER_POLICY, dueAtEndOf(scoringDue));
}
