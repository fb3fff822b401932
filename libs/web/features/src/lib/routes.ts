import type { Routes } from '@angular/router';
import { anonymousGuard, authGuard, homeRedirect, roleGuard } from './core/auth.guard';

/** Every page of the web app; each page is its own lazy chunk. */
export const webRoutes: Routes = [
  {
    path: 'login',
    canActivate: [anonymousGuard],
    title: '登录 · 互通',
    loadComponent: () => import('./auth/login.page').then((m) => m.LoginPage),
  },
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () => import('./shell/layout').then((m) => m.Layout),
    children: [
      {
        path: 'organisations',
        canActivate: [roleGuard(['admin', 'coordinator', 'viewer'])],
        title: '机构 · 互通',
        loadComponent: () => import('./organisations/organisations.page').then((m) => m.OrganisationsPage),
      },
      {
        path: 'organisations/import',
        canActivate: [roleGuard(['admin', 'coordinator'])],
        title: '导入 · 互通',
        loadComponent: () => import('./organisations/import.page').then((m) => m.ImportPage),
      },
      {
        path: 'my-organisation',
        title: '本机构 · 互通',
        loadComponent: () => import('./organisations/my-organisation.page').then((m) => m.MyOrganisationPage),
      },
      {
        path: 'users',
        canActivate: [roleGuard(['admin'])],
        title: '用户 · 互通',
        loadComponent: () => import('./users/users.page').then((m) => m.UsersPage),
      },
      {
        path: 'audit',
        canActivate: [roleGuard(['admin'])],
        title: '审计日志 · 互通',
        loadChildren: () => import('./audit/audit.routes').then((m) => m.auditRoutes),
      },
      {
        path: 'cycles',
        canActivate: [roleGuard(['admin', 'coordinator', 'viewer'])],
        loadChildren: () => import('./assessment/assessment.routes').then((m) => m.cycleRoutes),
      },
      {
        path: 'applications',
        canActivate: [roleGuard(['applicant', 'coordinator', 'admin', 'viewer'])],
        loadChildren: () => import('./assessment/assessment.routes').then((m) => m.applicationRoutes),
      },
      {
        path: 'publicity',
        canActivate: [roleGuard(['applicant', 'coordinator', 'admin', 'viewer'])],
        title: '结果公示 · 互通',
        loadComponent: () => import('./assessment/publicity.page').then((m) => m.PublicityPage),
      },
      {
        path: 'schemes',
        canActivate: [roleGuard(['admin', 'coordinator'])],
        loadChildren: () => import('./assessment/assessment.routes').then((m) => m.schemeRoutes),
      },
      { path: '', pathMatch: 'full', canActivate: [homeRedirect], children: [] },
    ],
  },
  { path: '**', redirectTo: '' },
];
