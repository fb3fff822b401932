import { jest } from '@jest/globals';

// Every timer API but Date: the pg pool, MikroORM and Nest keep their real timers.
const ALL_BUT_DATE = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

/**
 * Fixes `new Date()` / `Date.now()` at `at` (an ISO instant, e.g. '2026-03-10T02:00:00Z') with Jest's modern
 * fake timers faking only Date. The services read the time from `new Date()` (there is no Clock provider),
 * so this is the clock of everything they decide: windows, lateness, deadlines, publicity.
 * The test app's services move it one second on before each call, so that events keep their order.
 */
export function setClock(at: string | Date): void {
  jest.useFakeTimers({ doNotFake: [...ALL_BUT_DATE] });
  jest.setSystemTime(new Date(at));
  fixed = true;
}
let fixed = false;

/** One second on, when the clock is fixed (the test app does this before each service call). */
export function tickFixedClock(): void {
  if (fixed) jest.setSystemTime(Date.now() + 1000);
}

/** Moves the fixed clock on (e.g. past a publicity period). */
export function advanceClock(ms: number): void {
  jest.setSystemTime(Date.now() + ms);
}

export function restoreClock(): void {
  jest.useRealTimers();
  fixed = false;
}

export const DAY_MS = 24 * 3600_000;
