import { inject } from '@angular/core';
import type { Routes } from '@angular/router';
import { enUS } from 'date-fns/locale/en-US';
import { zhCN } from 'date-fns/locale/zh-CN';
import { provideNzDateFnsAdapter } from 'ng-zorro-antd/core/time';
import { I18nService, roleGuard } from '@hutong/platform-web';

/** The date pickers' adapter: month and weekday names in the user's language, weeks from Monday. */
const dateAdapter = () =>
  provideNzDateFnsAdapter(() => ({ locale: inject(I18nService).isZh() ? zhCN : enUS, firstDayOfWeek: 1 }));

/**
 * The assessment pages, loaded lazily. The date pickers (stage windows, return deadline) need a date
 * adapter: provided here so that neither it nor date handling weighs on the initial bundle.
 */
export const cycleRoutes: Routes = [
  {
    path: '',
    providers: [dateAdapter()],
    children: [
      {
        path: '',
        title: '测评批次 · 互通',
        loadComponent: () => import('./cycles.page').then((m) => m.CyclesPage),
      },
      {
        path: ':id',
        title: '批次看板 · 互通',
        loadComponent: () => import('./cycle-board.page').then((m) => m.CycleBoardPage),
      },
    ],
  },
];

export const applicationRoutes: Routes = [
  {
    path: '',
    providers: [dateAdapter()],
    children: [
      {
        path: '',
        title: '我的申请 · 互通',
        loadComponent: () => import('./applications.page').then((m) => m.ApplicationsPage),
      },
      {
        path: ':id',
        title: '申请详情 · 互通',
        loadComponent: () => import('./application.page').then((m) => m.ApplicationPage),
      },
    ],
  },
];

export const schemeRoutes: Routes = [
  {
    path: '',
    title: '指标体系 · 互通',
    loadComponent: () => import('./schemes.page').then((m) => m.SchemesPage),
  },
  {
    path: ':id',
    title: '指标体系 · 互通',
    loadComponent: () => import('./scheme.page').then((m) => m.SchemePage),
  },
];

/** The assessment's places in the shell. */
export const assessmentRoutes: Routes = [
  {
    path: 'cycles',
    canActivate: [roleGuard(['admin', 'coordinator', 'viewer'])],
    children: cycleRoutes,
  },
  {
    path: 'applications',
    canActivate: [roleGuard(['applicant', 'coordinator', 'admin', 'viewer'])],
    children: applicationRoutes,
  },
  {
    path: 'publicity',
    canActivate: [roleGuard(['applicant', 'coordinator', 'admin', 'viewer'])],
    title: '结果公示 · 互通',
    loadComponent: () => import('./publicity.page').then((m) => m.PublicityPage),
  },
  {
    path: 'schemes',
    canActivate: [roleGuard(['admin', 'coordinator'])],
    children: schemeRoutes,
  },
];
