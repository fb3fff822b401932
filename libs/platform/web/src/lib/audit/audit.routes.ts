import { inject } from '@angular/core';
import type { Routes } from '@angular/router';
import { enUS } from 'date-fns/locale/en-US';
import { zhCN } from 'date-fns/locale/zh-CN';
import { provideNzDateFnsAdapter } from 'ng-zorro-antd/core/time';
import { I18nService } from '../i18n.service';

/** The audit page, loaded lazily with the date adapter its date-range filter needs. */
export const auditRoutes: Routes = [
  {
    path: '',
    providers: [
      provideNzDateFnsAdapter(() => ({ locale: inject(I18nService).isZh() ? zhCN : enUS, firstDayOfWeek: 1 })),
    ],
    loadComponent: () => import('./audit.page').then((m) => m.AuditPage),
  },
];
