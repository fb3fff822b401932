import { formatInTimeZone } from 'date-fns-tz';
import type { Lang } from './i18n.service';

export const TIME_ZONE = 'Asia/Shanghai';

/** A date-time in China Standard Time: `2026年3月5日 14:07` or `Mar 5, 2026 14:07`. */
export function formatDateTime(value: string | Date | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '';
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return '';
  return formatInTimeZone(date, TIME_ZONE, lang === 'zh' ? 'yyyy年M月d日 HH:mm' : 'MMM d, yyyy HH:mm');
}
