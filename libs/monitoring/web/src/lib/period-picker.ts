import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { I18nService } from '@hutong/platform-web';
import { NzDatePickerModule } from 'ng-zorro-antd/date-picker';
import { NzSelectModule } from 'ng-zorro-antd/select';
import {
  PERIOD_PRESETS,
  asOfFor,
  presetChoice,
  shanghaiToday,
  type PeriodChoice,
  type PeriodPreset,
} from './monitoring-logic';

const pad = (n: number) => String(n).padStart(2, '0');
/** A picker's local Date as yyyy-MM-dd. */
export function toDateString(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
/** A yyyy-MM-dd date as a local Date (for the pickers). */
export function fromDateString(s: string): Date {
  const [y, m, d] = s.slice(0, 10).split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/**
 * The period of a monitoring page: 本季度 / 上季度 / 本月 / 上月 or a custom range, and the day it is read as of
 * (never after today, Asia/Shanghai). Emits the whole choice on every change.
 */
@Component({
  selector: 'lib-period-picker',
  imports: [FormsModule, NzSelectModule, NzDatePickerModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="period" data-testid="mon-period">
      <nz-select
        class="preset"
        [ngModel]="value().preset"
        (ngModelChange)="pickPreset($event)"
        [attr.aria-label]="t('mon.period')"
        data-testid="mon-period-preset"
      >
        @for (p of presets; track p) {
          <nz-option [nzValue]="p" [nzLabel]="presetLabel(p)" />
        }
        <nz-option nzValue="custom" [nzLabel]="t('mon.preset.custom')" />
      </nz-select>
      <nz-range-picker
        [ngModel]="range()"
        (ngModelChange)="pickRange($event)"
        [nzAllowClear]="false"
        [nzDisabledDate]="afterToday"
        data-testid="mon-period-range"
      />
      <span class="muted">{{ t('mon.asOf') }}</span>
      <nz-date-picker
        [ngModel]="asOfDate()"
        (ngModelChange)="pickAsOf($event)"
        [nzAllowClear]="false"
        [nzDisabledDate]="outsideAsOf"
        data-testid="mon-period-asof"
      />
    </div>
  `,
  styles: `
    .period {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .preset {
      width: 140px;
    }
  `,
})
export class PeriodPicker {
  protected readonly t = inject(I18nService).t;
  readonly value = input.required<PeriodChoice>();
  readonly changed = output<PeriodChoice>();
  protected readonly presets = PERIOD_PRESETS;

  protected readonly range = computed(() => [fromDateString(this.value().from), fromDateString(this.value().to)]);
  protected readonly asOfDate = computed(() => fromDateString(this.value().asOf));

  protected readonly afterToday = (d: Date): boolean => toDateString(d) > shanghaiToday();
  protected readonly outsideAsOf = (d: Date): boolean => {
    const s = toDateString(d);
    return s > shanghaiToday() || s < this.value().from || s > this.value().to;
  };

  protected presetLabel(p: PeriodPreset): string {
    return this.t(`mon.preset.${p}`);
  }

  protected pickPreset(p: PeriodPreset): void {
    if (p === 'custom') this.changed.emit({ ...this.value(), preset: 'custom' });
    else this.changed.emit(presetChoice(p, shanghaiToday()));
  }

  protected pickRange(r: Date[] | null): void {
    if (!r || r.length < 2 || !r[0] || !r[1]) return;
    const period = { from: toDateString(r[0]), to: toDateString(r[1]) };
    this.changed.emit({ preset: 'custom', ...period, asOf: asOfFor(period, shanghaiToday()) });
  }

  protected pickAsOf(d: Date | null): void {
    if (!d) return;
    this.changed.emit({ ...this.value(), asOf: toDateString(d) });
  }
}
