import { formatDateTime } from './dates';

describe('formatDateTime', () => {
  it('shows China Standard Time in both languages', () => {
    expect(formatDateTime('2026-03-05T06:07:00Z', 'zh')).toBe('2026年3月5日 14:07');
    expect(formatDateTime('2026-03-05T20:30:00Z', 'en')).toBe('Mar 6, 2026 04:30');
  });

  it('shows nothing for missing or invalid values', () => {
    expect(formatDateTime(null, 'zh')).toBe('');
    expect(formatDateTime('not a date', 'zh')).toBe('');
  });
});
