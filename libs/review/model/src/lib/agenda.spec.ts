import fc from 'fast-check';
import { DomainError, isDomainError } from '@hutong/platform-model';
import { buildAgenda, formatTime, parseTime } from './agenda';
import type { AgendaInput } from './contracts';

const applicants = (n: number): AgendaInput['applicants'] =>
  Array.from({ length: n }, (_, i) => ({ applicationId: `a${i + 1}`, name: `医院${i + 1}` }));

const input = (over: Partial<AgendaInput> = {}): AgendaInput => ({
  date: '2024-05-10',
  start: '09:00',
  slotMinutes: { present: 15, questions: 10 },
  applicants: applicants(3),
  ...over,
});

const errorOf = (f: () => unknown): DomainError => {
  try {
    f();
  } catch (e) {
    if (isDomainError(e)) return e;
    throw e;
  }
  throw new Error('no error');
};

describe('times', () => {
  it('parse HH:mm and format minutes', () => {
    expect(parseTime('00:00')).toBe(0);
    expect(parseTime('23:59')).toBe(1439);
    for (const bad of ['24:00', '9:00', '09:60', '0900', '', ' 09:00']) expect(parseTime(bad)).toBeNull();
    expect(formatTime(545)).toBe('09:05');
    expect(formatTime(1440)).toBe('24:00');
  });
});

describe('buildAgenda', () => {
  it('puts the applicants one after the other: presentation, then questions', () => {
    expect(buildAgenda(input())).toEqual({
      date: '2024-05-10',
      slots: [
        { applicationId: 'a1', name: '医院1', start: '09:00', presentEnd: '09:15', end: '09:25' },
        { applicationId: 'a2', name: '医院2', start: '09:25', presentEnd: '09:40', end: '09:50' },
        { applicationId: 'a3', name: '医院3', start: '09:50', presentEnd: '10:05', end: '10:15' },
      ],
      breaks: [],
      ends: '10:15',
    });
  });

  it('breaks after every n applicants, never after the last', () => {
    const a = buildAgenda(input({ applicants: applicants(5), breakAfter: 2, breakMinutes: 10 }));
    expect(a.breaks).toEqual([
      { start: '09:50', end: '10:00' },
      { start: '10:50', end: '11:00' },
    ]);
    expect(a.slots.map((s) => s.start)).toEqual(['09:00', '09:25', '10:00', '10:25', '11:00']);
    expect(a.ends).toBe('11:25');
    expect(buildAgenda(input({ applicants: applicants(2), breakAfter: 2, breakMinutes: 10 })).breaks).toEqual([]);
  });

  it('questions may take 0 minutes', () => {
    const a = buildAgenda(input({ slotMinutes: { present: 20, questions: 0 }, applicants: applicants(1) }));
    expect(a.slots[0]).toMatchObject({ presentEnd: '09:20', end: '09:20' });
  });

  it('without applicants ends at its start', () => {
    expect(buildAgenda(input({ applicants: [] }))).toEqual({
      date: '2024-05-10',
      slots: [],
      breaks: [],
      ends: '09:00',
    });
  });

  it('may end at 24:00, not after', () => {
    const ok = buildAgenda(
      input({ start: '23:00', slotMinutes: { present: 40, questions: 20 }, applicants: applicants(1) }),
    );
    expect(ok.ends).toBe('24:00');
    const e = errorOf(() =>
      buildAgenda(input({ start: '23:00', slotMinutes: { present: 40, questions: 20 }, applicants: applicants(2) })),
    );
    expect(e.code).toBe('review.agenda_past_midnight');
    expect(e.params).toEqual({ name: '医院2', overflow: '01:00' });
    expect(e.status).toBe(400);
  });

  it('refuses a break that leaves no room for the next applicant before 24:00', () => {
    const e = errorOf(() =>
      buildAgenda(
        input({
          start: '22:00',
          slotMinutes: { present: 30, questions: 20 },
          applicants: applicants(2),
          breakAfter: 1,
          breakMinutes: 30,
        }),
      ),
    );
    expect(e.code).toBe('review.agenda_past_midnight');
    expect(e.params).toEqual({ name: '医院2', overflow: '00:10' });
  });

  it('refuses invalid input with coded errors', () => {
    const code = (over: Partial<AgendaInput>): string => errorOf(() => buildAgenda(input(over))).code;
    expect(code({ date: '2024-02-30' })).toBe('review.agenda_invalid_date');
    expect(code({ start: '9:00' })).toBe('review.agenda_invalid_time');
    expect(code({ slotMinutes: { present: 0, questions: 5 } })).toBe('review.agenda_invalid_minutes');
    expect(code({ slotMinutes: { present: 10.5, questions: 5 } })).toBe('review.agenda_invalid_minutes');
    expect(code({ slotMinutes: { present: 10, questions: -1 } })).toBe('review.agenda_invalid_minutes');
    expect(code({ breakAfter: 0, breakMinutes: 5 })).toBe('review.agenda_invalid_break_after');
    expect(code({ breakAfter: 2 })).toBe('review.agenda_break_minutes_required');
    expect(code({ breakAfter: 2, breakMinutes: 0 })).toBe('review.agenda_invalid_minutes');
    expect(code({ applicants: [...applicants(2), { applicationId: 'a1', name: '又一次' }] })).toBe(
      'review.agenda_duplicate_applicant',
    );
    expect(errorOf(() => buildAgenda(input({ slotMinutes: { present: 10, questions: 999 } }))).params).toEqual({
      field: 'questions',
      min: 0,
      max: 480,
    });
  });

  it('property: slots are contiguous, ordered, the right length, and end by 24:00', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.option(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 30 })), { nil: undefined }),
        (start, present, questions, n, brk) => {
          const args = input({
            start: formatTime(start),
            slotMinutes: { present, questions },
            applicants: applicants(n),
            ...(brk ? { breakAfter: brk[0], breakMinutes: brk[1] } : {}),
          });
          let agenda;
          try {
            agenda = buildAgenda(args);
          } catch (e) {
            expect(isDomainError(e) && e.code).toBe('review.agenda_past_midnight');
            const total = n * (present + questions) + (brk ? Math.floor((n - 1) / brk[0]) * brk[1] : 0);
            expect(start + total).toBeGreaterThan(1440);
            return;
          }
          const m = (t: string): number => (t === '24:00' ? 1440 : (parseTime(t) as number));
          let t = start;
          agenda.slots.forEach((s, i) => {
            expect(m(s.start)).toBe(t);
            expect(m(s.presentEnd) - m(s.start)).toBe(present);
            expect(m(s.end) - m(s.presentEnd)).toBe(questions);
            t = m(s.end);
            const b = brk && i < n - 1 && (i + 1) % brk[0] === 0;
            if (b) t += brk[1];
          });
          expect(m(agenda.ends)).toBe(t);
          expect(t).toBeLessThanOrEqual(1440);
          expect(agenda.slots.map((s) => s.applicationId)).toEqual(args.applicants.map((a) => a.applicationId));
        },
      ),
    );
  });
});
