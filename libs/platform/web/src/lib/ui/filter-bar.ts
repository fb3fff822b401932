import { ChangeDetectionStrategy, Component, input, model, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { I18nService } from '../i18n.service';
import { inject } from '@angular/core';

/**
 * The filter row of a list page: a search box (Enter or the search button applies it), the page's own
 * filter controls (projected), then 搜索 and 重置. Uses the global `.filters` styles (styles/page.scss).
 */
@Component({
  selector: 'lib-filter-bar',
  imports: [FormsModule, NzInputModule, NzIconModule, NzButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="filters" role="search">
      @if (searchable()) {
        <nz-input-wrapper class="search">
          <input
            nz-input
            [placeholder]="placeholder()"
            [attr.aria-label]="placeholder()"
            [ngModel]="text()"
            (ngModelChange)="text.set($event)"
            (keyup.enter)="apply()"
            [attr.data-testid]="searchTestId()"
          />
          <nz-icon nzInputSuffix nzType="search" class="clickable" (click)="apply()" />
        </nz-input-wrapper>
      }
      <ng-content />
      <button nz-button nzType="primary" type="button" (click)="apply()" [attr.data-testid]="submitTestId()">
        <nz-icon nzType="search" />{{ t('common.search') }}
      </button>
      <button nz-button type="button" (click)="clear()" [attr.data-testid]="resetTestId()">
        {{ t('common.reset') }}
      </button>
    </div>
  `,
})
export class FilterBar {
  protected readonly t = inject(I18nService).t;
  /** Whether the bar has its search box. */
  readonly searchable = input(true);
  readonly placeholder = input('');
  readonly searchTestId = input<string | null>(null);
  readonly submitTestId = input<string | null>(null);
  readonly resetTestId = input<string | null>(null);
  /** The text typed in the search box (not yet applied). */
  readonly text = model('');
  /** The search box's text, trimmed, when the user applies it (Enter, the icon or 搜索). */
  readonly searched = output<string>();
  /** 重置: the box is emptied; the page resets its filters. */
  readonly cleared = output<void>();

  protected apply(): void {
    this.searched.emit(this.text().trim());
  }

  protected clear(): void {
    this.text.set('');
    this.cleared.emit();
  }
}
