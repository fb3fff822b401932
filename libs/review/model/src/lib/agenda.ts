import { isValidDate } from '@hutong/platform-model';
import type { Agenda, AgendaInput, AgendaSlot } from './contracts';
import { reviewError } from './messages';

const DAY_MINUTES = 24 * 60;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Limits of the agenda's minutes: a presentation 1–480, questions 0–480, a break 1–240; a break after 1–100. */
export const AGENDA_LIMITS = {
  present: { min: 1, max: 480 },
  questions: { min: 0, max: 480 },
  break: { min: 1, max: 240 },
  breakAfter: { min: 1, max: 100 },
} as const;

/** Minutes since 00:00 of an HH:mm time (00:00–23:59), or null when it is not one. */
export function parseTime(hhmm: string): number | null {
  const m = typeof hhmm === 'string' ? TIME_RE.exec(hhmm) : null;
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/** HH:mm of minutes since 00:00 (0–1440; 1440 is 24:00, the end of the day). */
export function formatTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

function wholeIn(n: unknown, lim: { min: number; max: number }): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= lim.min && n <= lim.max;
}

/**
 * The timetable of a review session (文审会): the applicants in the given order, each with its presentation (汇报)
 * then its questions (质询); a break after every `breakAfter` applicants, never after the last. Everything happens
 * on `date`: a slot ending after 24:00 is refused (`review.agenda_past_midnight`, with the applicant and the time it
 * would end the next day); ending at 24:00 exactly is allowed. Also refused, with coded errors: an invalid date or
 * start, minutes outside `AGENDA_LIMITS`, `breakAfter` without `breakMinutes`, an application listed twice.
 * No applicants: no slots, and the session `ends` at its start.
 */
export function buildAgenda(input: AgendaInput): Agenda {
  if (!isValidDate(input.date)) throw reviewError('review.agenda_invalid_date', { value: String(input.date) });
  const start = parseTime(input.start);
  if (start === null) throw reviewError('review.agenda_invalid_time', { value: String(input.start) });
  const { present, questions } = input.slotMinutes;
  if (!wholeIn(present, AGENDA_LIMITS.present))
    throw reviewError('review.agenda_invalid_minutes', { field: 'present', ...AGENDA_LIMITS.present });
  if (!wholeIn(questions, AGENDA_LIMITS.questions))
    throw reviewError('review.agenda_invalid_minutes', { field: 'questions', ...AGENDA_LIMITS.questions });
  const { breakAfter, breakMinutes } = input;
  if (breakAfter !== undefined) {
    if (!wholeIn(breakAfter, AGENDA_LIMITS.breakAfter)) throw reviewError('review.agenda_invalid_break_after');
    if (breakMinutes === undefined) throw reviewError('review.agenda_break_minutes_required');
    if (!wholeIn(breakMinutes, AGENDA_LIMITS.break))
      throw reviewError('review.agenda_invalid_minutes', { field: 'break', ...AGENDA_LIMITS.break });
  }
  const seen = new Set<string>();
  for (const a of input.applicants) {
    if (seen.has(a.applicationId)) throw reviewError('review.agenda_duplicate_applicant', { name: a.name });
    seen.add(a.applicationId);
  }

  const slots: AgendaSlot[] = [];
  const breaks: Agenda['breaks'] = [];
  let t = start;
  input.applicants.forEach((a, i) => {
    const presentEnd = t + present;
    const end = presentEnd + questions;
    if (end > DAY_MINUTES)
      throw reviewError('review.agenda_past_midnight', { name: a.name, overflow: formatTime(end - DAY_MINUTES) });
    slots.push({
      applicationId: a.applicationId,
      name: a.name,
      start: formatTime(t),
      presentEnd: formatTime(presentEnd),
      end: formatTime(end),
    });
    t = end;
    const isLast = i === input.applicants.length - 1;
    if (breakAfter !== undefined && breakMinutes !== undefined && !isLast && (i + 1) % breakAfter === 0) {
      const breakEnd = t + breakMinutes;
      // a break running past midnight leaves no room for the next applicant: refused with that one
      if (breakEnd + present + questions > DAY_MINUTES) {
        const next = input.applicants[i + 1];
        throw reviewError('review.agenda_past_midnight', {
          name: next?.name ?? a.name,
          overflow: formatTime(breakEnd + present + questions - DAY_MINUTES),
        });
      }
      breaks.push({ start: formatTime(t), end: formatTime(breakEnd) });
      t = breakEnd;
    }
  });
  return { date: input.date, slots, breaks, ends: formatTime(t) };
}
