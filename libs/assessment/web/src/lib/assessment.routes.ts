import { inject } from '@angular/core';
import type { Routes } from '@angular/router';
import { enUS } from 'date-fns/locale/en-US';
import { zhCN } from 'date-fns/locale/zh-CN';
import { provideNzDateFnsAdapter } from 'ng-zorro-antd/core/time';
import { I18nService, roleGuard, withTexts } from '@hutong/platform-web';

/** The pages' texts, in their own chunk, loaded before a page is matched. */
const texts = withTexts(() => import('./assessment.texts').then((m) => m.ASSESSMENT_TEXTS));

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
        title: 'title.cycles',
        loadComponent: () => import('./cycles.page').then((m) => m.CyclesPage),
      },
      {
        path: ':id',
        title: 'title.cycleBoard',
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
        title: 'title.applications',
        loadComponent: () => import('./applications.page').then((m) => m.ApplicationsPage),
      },
      {
        path: ':id',
        title: 'title.application',
        loadComponent: () => import('./application.page').then((m) => m.ApplicationPage),
      },
    ],
  },
];

export const schemeRoutes: Routes = [
  {
    path: '',
    title: 'title.schemes',
    loadComponent: () => import('./schemes.page').then((m) => m.SchemesPage),
  },
  {
    path: ':id',
    title: 'title.schemes',
    loadComponent: () => import('./scheme.page').then((m) => m.SchemePage),
  },
];

/** The assessment's places in the shell. */
export const assessmentRoutes: Routes = [
  {
    path: 'cycles',
    canMatch: [texts],
    canActivate: [roleGuard(['admin', 'national', 'coordinator', 'viewer'])],
    children: cycleRoutes,
  },
  {
    path: 'applications',
    canMatch: [texts],
    canActivate: [roleGuard(['applicant', 'coordinator', 'national', 'admin', 'viewer'])],
    children: applicationRoutes,
  },
  {
    path: 'publicity',
    canMatch: [texts],
    canActivate: [roleGuard(['applicant', 'coordinator', 'national', 'admin', 'viewer'])],
    title: 'title.publicity',
    loadComponent: () => import('./publicity.page').then((m) => m.PublicityPage),
  },
  {
    path: 'schemes',
    canMatch: [texts],
    canActivate: [roleGuard(['admin', 'national', 'coordinator'])],
    children: schemeRoutes,
  },
];
