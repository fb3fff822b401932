import type { Routes } from '@angular/router';
import { roleGuard } from '@hutong/platform-web';

/** The organisations pages (children of the shell); each page is its own lazy chunk. */
export const organisationRoutes: Routes = [
  {
    path: 'organisations',
    canActivate: [roleGuard(['admin', 'coordinator', 'viewer'])],
    title: '机构 · 互通',
    loadComponent: () => import('./organisations.page').then((m) => m.OrganisationsPage),
  },
  {
    path: 'organisations/import',
    canActivate: [roleGuard(['admin', 'coordinator'])],
    title: '导入 · 互通',
    loadComponent: () => import('./import.page').then((m) => m.ImportPage),
  },
  {
    path: 'my-organisation',
    title: '本机构 · 互通',
    loadComponent: () => import('./my-organisation.page').then((m) => m.MyOrganisationPage),
  },
];
