import { inject } from '@angular/core';
import type { Routes } from '@angular/router';
import { enUS } from 'date-fns/locale/en-US';
import { zhCN } from 'date-fns/locale/zh-CN';
import { provideNzDateFnsAdapter } from 'ng-zorro-antd/core/time';
import { I18nService, roleGuard, withTexts } from '@hutong/platform-web';

const texts = withTexts(() => import('./tasks.texts').then((m) => m.TASKS_TEXTS));

const dateAdapter = () =>
  provideNzDateFnsAdapter(() => ({ locale: inject(I18nService).isZh() ? zhCN : enUS, firstDayOfWeek: 1 }));

const ISSUERS = roleGuard(['coordinator', 'admin']);
const OVERSEERS = roleGuard(['coordinator', 'viewer', 'admin']);
/** the dashboard reads only the rollups of the caller's scope: the national body's is nationwide */
const DASHBOARD_READERS = roleGuard(['coordinator', 'viewer', 'national', 'admin']);

/** The tasks pages, the dashboard and the applicants' home; each a lazy chunk. */
export const taskRoutes: Routes = [
  {
    path: 'dashboard',
    canMatch: [texts],
    canActivate: [DASHBOARD_READERS],
    title: 'title.dashboard',
    loadComponent: () => import('./dashboard.page').then((m) => m.DashboardPage),
  },
  {
    path: 'home',
    canMatch: [texts],
    canActivate: [roleGuard(['applicant', 'expert'])],
    title: 'title.home',
    loadComponent: () => import('./home.page').then((m) => m.HomePage),
  },
  {
    path: 'tasks',
    canMatch: [texts],
    providers: [dateAdapter()],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'title.tasks',
        canActivate: [roleGuard(['applicant', 'expert'])],
        loadComponent: () => import('./my-tasks.page').then((m) => m.MyTasksPage),
      },
      {
        path: 'issued',
        title: 'title.tasksIssued',
        canActivate: [OVERSEERS],
        loadComponent: () => import('./issued.page').then((m) => m.IssuedPage),
      },
      {
        path: 'batches',
        title: 'title.taskBatches',
        canActivate: [ISSUERS],
        loadComponent: () => import('./batches.page').then((m) => m.BatchesPage),
      },
      {
        path: 'new',
        title: 'title.taskNew',
        canActivate: [ISSUERS],
        loadComponent: () => import('./issue-wizard.page').then((m) => m.IssueWizardPage),
      },
      {
        path: ':id',
        title: 'title.task',
        loadComponent: () => import('./task.page').then((m) => m.TaskPage),
      },
    ],
  },
];
