import { Injectable, signal } from '@angular/core';
import type { PeriodChoice } from './monitoring-logic';

/**
 * The scope and period last chosen on the monitoring pages: going from the overview to an institution and back
 * keeps them (the URL stays the nav item's, so the menu shows where one is; a link with from/to/asOf still wins).
 */
@Injectable({ providedIn: 'root' })
export class MonitoringState {
  readonly scope = signal<string | null>(null);
  readonly period = signal<PeriodChoice | null>(null);
}
