import { ChangeDetectionStrategy, Component, inject, signal, type OnDestroy, type OnInit } from '@angular/core';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { NzBadgeModule } from 'ng-zorro-antd/badge';
import { NzButtonModule } from 'ng-zorro-antd/button';
import { NzDividerModule } from 'ng-zorro-antd/divider';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzLayoutModule } from 'ng-zorro-antd/layout';
import { NzMenuModule } from 'ng-zorro-antd/menu';
import { NzTagModule } from 'ng-zorro-antd/tag';
import { AuthService } from '@hutong/platform-web';
import { I18nService } from '@hutong/platform-web';
import { UnreadCountService } from '@hutong/notifications-web';

@Component({
  selector: 'app-layout',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    NzLayoutModule,
    NzMenuModule,
    NzIconModule,
    NzButtonModule,
    NzTagModule,
    NzDividerModule,
    NzBadgeModule,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './layout.html',
  styleUrl: './layout.scss',
})
export class Layout implements OnInit, OnDestroy {
  protected readonly auth = inject(AuthService);
  /** the bell's count, live from the api's stream while the shell is shown */
  protected readonly unread = inject(UnreadCountService);
  protected readonly i18n = inject(I18nService);
  protected readonly t = this.i18n.t;
  protected readonly collapsed = signal(false);

  ngOnInit(): void {
    this.unread.connect();
  }

  ngOnDestroy(): void {
    this.unread.disconnect();
  }

  logout(): void {
    this.unread.disconnect();
    void this.auth.logout();
  }
}
