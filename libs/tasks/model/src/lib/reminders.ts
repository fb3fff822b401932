/**
 * Reminder and escalation rules of a deadline task, framework-free: the api plans a task's next reminder
 * with them when it is issued, extended or reopened; the worker's due-scan sends the step that fell due
 * and plans the next one. Every instant is UTC; days, hours and quiet hours are Asia/Shanghai.
 *
 * A task's steps, in time order: `before-N` (N days before the due day, at the send hour), `due-day`
 * (on the due day), `overdue-N` (N days after the due day, daily while overdue, up to `overdueMaxDays`).
 * A step's key is unique within its task, so "never twice for the same step" is a unique key in the
 * database. Overdue steps escalate: from `escalateAfterDays` overdue days on, the organisation's head
 * contact is told too, and from twice that, the coordinator of its region.
 */
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';
import { SHANGHAI, addDays, isValidDate } from '@hutong/platform-model';

export interface ReminderPolicy {
  /** days before the due day on which the assignee is reminded, e.g. [7, 3, 1] */
  beforeDays: number[];
  /** remind on the due day itself */
  onDueDay: boolean;
  /** remind every day once overdue */
  overdueDaily: boolean;
  /** stop the daily overdue reminders after this many days */
  overdueMaxDays: number;
  /** overdue days after which the head contact is told (and after twice as many, the region's coordinator); null: never */
  escalateAfterDays: number | null;
  /** Asia/Shanghai hour (8…21) at which the day's reminder is sent */
  sendHour: number;
}

export const DEFAULT_REMINDER_POLICY: Readonly<ReminderPolicy> = Object.freeze({
  beforeDays: [7, 3, 1],
  onDueDay: true,
  overdueDaily: true,
  overdueMaxDays: 30,
  escalateAfterDays: 3,
  sendHour: 9,
});

/** No reminder goes out from 22:00 to 08:00 Asia/Shanghai. */
export const QUIET_HOURS = Object.freeze({ from: 22, to: 8 });

/** Who a reminder step goes to (each level includes the ones before it). */
export type ReminderAudience = 'assignee' | 'head' | 'coordinator';

export interface ReminderStep {
  /** unique within the task: before-7, due-day, overdue-3 */
  key: string;
  /** when it is due (UTC) */
  at: Date;
  audience: ReminderAudience;
  /** days before (negative) or after (positive) the due day; 0 on the due day */
  offsetDays: number;
}

/** Problems with a policy as codes of the tasks catalogue (`task.policy_*`); empty when it is valid. */
export function policyProblems(p: ReminderPolicy): string[] {
  const problems: string[] = [];
  const wholeIn = (n: unknown, min: number, max: number): boolean =>
    typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
  if (!Array.isArray(p.beforeDays) || p.beforeDays.length > 10 || !p.beforeDays.every((d) => wholeIn(d, 1, 90)))
    problems.push('task.policy_before_days');
  else if (new Set(p.beforeDays).size !== p.beforeDays.length) problems.push('task.policy_before_days');
  if (!wholeIn(p.overdueMaxDays, 0, 365)) problems.push('task.policy_overdue_max');
  if (p.escalateAfterDays !== null && !wholeIn(p.escalateAfterDays, 1, 90)) problems.push('task.policy_escalate');
  if (!wholeIn(p.sendHour, QUIET_HOURS.to, QUIET_HOURS.from - 1)) problems.push('task.policy_send_hour');
  return problems;
}

/** A policy with defaults filled in for the fields a caller left out. */
export function withPolicyDefaults(p: Partial<ReminderPolicy> | null | undefined): ReminderPolicy {
  return {
    beforeDays: p?.beforeDays ? [...p.beforeDays] : [...DEFAULT_REMINDER_POLICY.beforeDays],
    onDueDay: p?.onDueDay ?? DEFAULT_REMINDER_POLICY.onDueDay,
    overdueDaily: p?.overdueDaily ?? DEFAULT_REMINDER_POLICY.overdueDaily,
    overdueMaxDays: p?.overdueMaxDays ?? DEFAULT_REMINDER_POLICY.overdueMaxDays,
    escalateAfterDays:
      p?.escalateAfterDays === undefined ? DEFAULT_REMINDER_POLICY.escalateAfterDays : p.escalateAfterDays,
    sendHour: p?.sendHour ?? DEFAULT_REMINDER_POLICY.sendHour,
  };
}

/**
 * The due instant of a task due "by the end of" an Asia/Shanghai date: 00:00 of the next day there.
 * Due by the end of 2023-07-03 → 2023-07-03T16:00:00Z (overdue from that instant on).
 */
export function dueAtEndOf(date: string): Date {
  if (!isValidDate(date)) throw new RangeError(`Invalid date (expected yyyy-MM-dd): ${date}`);
  return fromZonedTime(`${addDays(date, 1)}T00:00:00.000`, SHANGHAI);
}

/** A task is overdue from its due instant on (while it is still waiting for its work). */
export function isOverdueAt(dueAt: Date, now: Date): boolean {
  return now.getTime() >= dueAt.getTime();
}

/** The Asia/Shanghai date of the due day: the day the due instant ends (a due at 00:00 belongs to the day before). */
export function dueDayOf(dueAt: Date): string {
  return formatInTimeZone(new Date(dueAt.getTime() - 1), SHANGHAI, 'yyyy-MM-dd');
}

/** Whole Asia/Shanghai days a task has been overdue at `now` (0 before or on its due day). */
export function overdueDays(dueAt: Date, now: Date): number {
  if (!isOverdueAt(dueAt, now)) return 0;
  const due = dueDayOf(dueAt);
  const today = formatInTimeZone(now, SHANGHAI, 'yyyy-MM-dd');
  return Math.max(1, daysBetween(due, today));
}

function daysBetween(a: string, b: string): number {
  const t = (s: string): number => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((t(b) - t(a)) / 86_400_000);
}

function at(date: string, hour: number): Date {
  return fromZonedTime(`${date}T${String(hour).padStart(2, '0')}:00:00.000`, SHANGHAI);
}

/** True from 22:00 to 08:00 Asia/Shanghai. */
export function isQuietHour(now: Date): boolean {
  const h = Number(formatInTimeZone(now, SHANGHAI, 'H'));
  return h >= QUIET_HOURS.from || h < QUIET_HOURS.to;
}

/** `now` when it is outside quiet hours, else the next 08:00 Asia/Shanghai. */
export function outsideQuietHours(now: Date): Date {
  if (!isQuietHour(now)) return now;
  const h = Number(formatInTimeZone(now, SHANGHAI, 'H'));
  const day = formatInTimeZone(now, SHANGHAI, 'yyyy-MM-dd');
  return at(h >= QUIET_HOURS.from ? addDays(day, 1) : day, QUIET_HOURS.to);
}

function audienceAt(policy: ReminderPolicy, overdue: number): ReminderAudience {
  const n = policy.escalateAfterDays;
  if (n === null || overdue < n) return 'assignee';
  return overdue >= 2 * n ? 'coordinator' : 'head';
}

/** Every step of a task's reminder plan, in time order (the overdue ones up to `overdueMaxDays`). */
export function reminderSteps(policyIn: Partial<ReminderPolicy> | null | undefined, dueAt: Date): ReminderStep[] {
  const policy = withPolicyDefaults(policyIn);
  const dueDay = dueDayOf(dueAt);
  const steps: ReminderStep[] = [];
  for (const d of [...new Set(policy.beforeDays)].sort((a, b) => b - a)) {
    steps.push({
      key: `before-${d}`,
      at: at(addDays(dueDay, -d), policy.sendHour),
      audience: 'assignee',
      offsetDays: -d,
    });
  }
  const dueDayAt = at(dueDay, policy.sendHour);
  // a task due before the send hour of its due day gets no due-day reminder (it would come after the deadline)
  if (policy.onDueDay && dueDayAt.getTime() < dueAt.getTime()) {
    steps.push({ key: 'due-day', at: dueDayAt, audience: 'assignee', offsetDays: 0 });
  }
  const maxOverdue = policy.overdueDaily
    ? policy.overdueMaxDays
    : // without daily reminders, overdue steps exist only to escalate
      Math.min(policy.overdueMaxDays, policy.escalateAfterDays === null ? 0 : 2 * policy.escalateAfterDays);
  for (let n = 1; n <= maxOverdue; n++) {
    const audience = audienceAt(policy, n);
    const escalates =
      policy.escalateAfterDays !== null && (n === policy.escalateAfterDays || n === 2 * policy.escalateAfterDays);
    if (!policy.overdueDaily && !escalates) continue;
    steps.push({ key: `overdue-${n}`, at: at(addDays(dueDay, n), policy.sendHour), audience, offsetDays: n });
  }
  return steps;
}

/** The first step due strictly after `after`, or null when none is left (what `next_reminder_at` holds). */
export function nextReminderStep(
  policy: Partial<ReminderPolicy> | null | undefined,
  dueAt: Date,
  after: Date,
): ReminderStep | null {
  return reminderSteps(policy, dueAt).find((s) => s.at.getTime() > after.getTime()) ?? null;
}

/**
 * What the due-scan sends at `now`: the latest step that has fallen due (older missed steps are folded into it,
 * so a worker that was down for days sends one reminder, not a burst), or null when none has.
 */
export function dueReminderStep(
  policy: Partial<ReminderPolicy> | null | undefined,
  dueAt: Date,
  now: Date,
): ReminderStep | null {
  const due = reminderSteps(policy, dueAt).filter((s) => s.at.getTime() <= now.getTime());
  return due.length ? due[due.length - 1]! : null;
}
