import {
  addDays,
  endOfShanghaiDay,
  formatZhDate,
  isPastDue,
  isValidDate,
  shanghaiDate,
  startOfShanghaiDay,
} from './dates';

describe('Asia/Shanghai dates', () => {
  it('ends a day at 23:59:59.999 Shanghai time', () => {
    expect(endOfShanghaiDay('2023-07-03').toISOString()).toBe('2023-07-03T15:59:59.999Z');
    expect(endOfShanghaiDay('2024-02-29').toISOString()).toBe('2024-02-29T15:59:59.999Z');
    expect(startOfShanghaiDay('2023-07-04').toISOString()).toBe('2023-07-03T16:00:00.000Z');
  });

  it('gives the Shanghai date of an instant across the midnight boundary', () => {
    expect(shanghaiDate(new Date('2023-07-03T15:59:59.999Z'))).toBe('2023-07-03');
    expect(shanghaiDate(new Date('2023-07-03T16:00:00.000Z'))).toBe('2023-07-04');
    expect(shanghaiDate(new Date('2023-07-02T16:00:00.000Z'))).toBe('2023-07-03');
    expect(shanghaiDate(new Date('2023-12-31T16:00:00.000Z'))).toBe('2024-01-01');
  });

  it('is past due only after the due date ends in Shanghai', () => {
    expect(isPastDue('2023-07-03', new Date('2023-07-03T15:59:59.999Z'))).toBe(false);
    expect(isPastDue('2023-07-03', new Date('2023-07-03T16:00:00.000Z'))).toBe(true);
    expect(isPastDue('2023-07-03', new Date('2023-07-02T20:00:00.000Z'))).toBe(false);
    expect(isPastDue(null, new Date('2099-01-01T00:00:00Z'))).toBe(false);
  });

  it('adds calendar days', () => {
    expect(addDays('2023-07-03', 7)).toBe('2023-07-10');
    expect(addDays('2023-12-28', 7)).toBe('2024-01-04');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2023-03-01', -1)).toBe('2023-02-28');
    expect(addDays('2023-07-03', 0)).toBe('2023-07-03');
  });

  it('formats Chinese dates', () => {
    expect(formatZhDate('2023-07-03')).toBe('2023年7月3日');
    expect(formatZhDate('2023-12-25')).toBe('2023年12月25日');
    expect(formatZhDate(new Date('2023-07-03T15:59:59.999Z'))).toBe('2023年7月3日');
    expect(formatZhDate(new Date('2023-07-03T16:00:00.000Z'))).toBe('2023年7月4日');
    expect(formatZhDate('2023-07-02T16:30:00Z')).toBe('2023年7月3日');
  });

  it('validates yyyy-MM-dd calendar dates', () => {
    expect(isValidDate('2023-07-03')).toBe(true);
    expect(isValidDate('2024-02-29')).toBe(true);
    expect(isValidDate('2023-02-29')).toBe(false);
    expect(isValidDate('2023-13-01')).toBe(false);
    expect(isValidDate('2023-7-3')).toBe(false);
    expect(isValidDate('2023-07-03T00:00:00Z')).toBe(false);
    expect(isValidDate('')).toBe(false);
    expect(isValidDate(null)).toBe(false);
  });

  it('throws on an invalid date', () => {
    expect(() => endOfShanghaiDay('2023-02-30')).toThrow(RangeError);
    expect(() => addDays('nope', 1)).toThrow(RangeError);
  });
});
