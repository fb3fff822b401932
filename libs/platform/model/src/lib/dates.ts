/** Calendar dates of the assessment are Asia/Shanghai dates (yyyy-MM-dd); a date ends at 23:59:59.999 there. */
import { formatInTimeZone, fromZonedTime } from 'date-fns-tz';

export const SHANGHAI = 'Asia/Shanghai';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written yyyy-MM-dd. */
export function isValidDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

function assertDate(date: string): void {
  if (!isValidDate(date)) throw new RangeError(`Invalid date (expected yyyy-MM-dd): ${date}`);
}

/** The instant of 23:59:59.999 on `date` in Asia/Shanghai. */
export function endOfShanghaiDay(date: string): Date {
  assertDate(date);
  return fromZonedTime(`${date}T23:59:59.999`, SHANGHAI);
}

/** The instant of 00:00 on `date` in Asia/Shanghai. */
export function startOfShanghaiDay(date: string): Date {
  assertDate(date);
  return fromZonedTime(`${date}T00:00:00.000`, SHANGHAI);
}

/** The Asia/Shanghai calendar date (yyyy-MM-dd) of an instant. */
export function shanghaiDate(d: Date): string {
  return formatInTimeZone(d, SHANGHAI, 'yyyy-MM-dd');
}

/** True once `now` is after the end of `dueDate` in Asia/Shanghai; false without a due date. */
export function isPastDue(dueDate: string | null, now: Date): boolean {
  if (dueDate === null) return false;
  return now.getTime() > endOfShanghaiDay(dueDate).getTime();
}

/** Calendar arithmetic on yyyy-MM-dd dates. */
export function addDays(date: string, n: number): string {
  assertDate(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d + n));
  const mm = String(dt.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(dt.getUTCDate()).padStart(2, '0');
  return `${String(dt.getUTCFullYear()).padStart(4, '0')}-${mm}-${dd}`;
}

/** "2023年7月3日" — a yyyy-MM-dd date as is, an instant (Date or ISO string) as its Asia/Shanghai date. */
export function formatZhDate(date: string | Date): string {
  const s = typeof date === 'string' && isValidDate(date) ? date : shanghaiDate(new Date(date));
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}
