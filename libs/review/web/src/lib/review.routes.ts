import { inject } from '@angular/core';
import type { Routes } from '@angular/router';
import { enUS } from 'date-fns/locale/en-US';
import { zhCN } from 'date-fns/locale/zh-CN';
import { provideNzDateFnsAdapter } from 'ng-zorro-antd/core/time';
import { I18nService, roleGuard, withTexts } from '@hutong/platform-web';

const texts = withTexts(() => import('./review.texts').then((m) => m.REVIEW_TEXTS));

const dateAdapter = () =>
  provideNzDateFnsAdapter(() => ({ locale: inject(I18nService).isZh() ? zhCN : enUS, firstDayOfWeek: 1 }));

const OFFICE = roleGuard(['coordinator', 'admin']);
const OFFICE_READERS = roleGuard(['coordinator', 'viewer', 'admin']);
const EXPERTS = roleGuard(['expert']);

/** The expert review's pages: the office's sessions, pool and conformance results; the experts' workspace. */
export const reviewRoutes: Routes = [
  {
    path: 'review',
    canMatch: [texts],
    providers: [dateAdapter()],
    children: [
      {
        path: 'workspace',
        title: 'title.reviewWorkspace',
        canActivate: [EXPERTS],
        loadComponent: () => import('./workspace.page').then((m) => m.WorkspacePage),
      },
      {
        path: 'profile',
        title: 'title.reviewProfile',
        canActivate: [EXPERTS],
        loadComponent: () => import('./profile.page').then((m) => m.ProfilePage),
      },
      {
        path: 'sheets/:id',
        title: 'title.reviewSheet',
        canActivate: [EXPERTS],
        loadComponent: () => import('./sheet.page').then((m) => m.SheetPage),
      },
      {
        path: 'cases/:caseId/consolidation',
        title: 'title.reviewConsolidation',
        canActivate: [roleGuard(['expert', 'coordinator', 'viewer', 'admin'])],
        loadComponent: () => import('./consolidation.page').then((m) => m.ConsolidationPage),
      },
      {
        path: 'sessions',
        title: 'title.reviewSessions',
        canActivate: [OFFICE_READERS],
        loadComponent: () => import('./sessions.page').then((m) => m.SessionsPage),
      },
      {
        path: 'sessions/:id',
        title: 'title.reviewSession',
        canActivate: [OFFICE_READERS],
        loadComponent: () => import('./session.page').then((m) => m.SessionPage),
      },
      {
        path: 'experts',
        title: 'title.reviewExperts',
        canActivate: [OFFICE_READERS],
        loadComponent: () => import('./experts.page').then((m) => m.ExpertsPage),
      },
      {
        path: 'conformance',
        title: 'title.reviewConformance',
        canActivate: [OFFICE],
        loadComponent: () => import('./conformance.page').then((m) => m.ConformancePage),
      },
    ],
  },
];
