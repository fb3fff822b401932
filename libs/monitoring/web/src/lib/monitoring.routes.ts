import { inject } from '@angular/core';
import type { Routes } from '@angular/router';
import { enUS } from 'date-fns/locale/en-US';
import { zhCN } from 'date-fns/locale/zh-CN';
import { provideNzDateFnsAdapter } from 'ng-zorro-antd/core/time';
import { I18nService, roleGuard, withTexts } from '@hutong/platform-web';

const texts = withTexts(() => import('./monitoring.texts').then((m) => m.MONITORING_TEXTS));

const dateAdapter = () =>
  provideNzDateFnsAdapter(() => ({ locale: inject(I18nService).isZh() ? zhCN : enUS, firstDayOfWeek: 1 }));

const OFFICE = roleGuard(['coordinator', 'admin']);
const READERS = roleGuard(['coordinator', 'admin', 'viewer', 'national']);
/** the readers, and a hospital's own users for their own institution (the api refuses any other) */
const INSTITUTION_READERS = roleGuard(['coordinator', 'admin', 'viewer', 'national', 'applicant']);

/**
 * The connectivity monitoring's pages: the overview of a region, an institution's page, imports, bulletins, the
 * table catalogues with the regions' upload requirements, and api keys.
 */
export const monitoringRoutes: Routes = [
  {
    path: 'monitoring',
    canMatch: [texts],
    providers: [dateAdapter()],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'title.monitoringOverview',
        canActivate: [READERS],
        loadComponent: () => import('./overview.page').then((m) => m.OverviewPage),
      },
      {
        path: 'institutions/:id',
        title: 'title.monitoringInstitution',
        canActivate: [INSTITUTION_READERS],
        loadComponent: () => import('./institution.page').then((m) => m.InstitutionPage),
      },
      {
        path: 'imports',
        title: 'title.monitoringImports',
        canActivate: [OFFICE],
        loadComponent: () => import('./imports.page').then((m) => m.ImportsPage),
      },
      {
        path: 'bulletins',
        title: 'title.monitoringBulletins',
        canActivate: [READERS],
        loadComponent: () => import('./bulletins.page').then((m) => m.BulletinsPage),
      },
      {
        path: 'bulletins/:id',
        title: 'title.monitoringBulletin',
        canActivate: [READERS],
        loadComponent: () => import('./bulletin.page').then((m) => m.BulletinPage),
      },
      {
        path: 'catalogues',
        title: 'title.monitoringCatalogues',
        canActivate: [READERS],
        loadComponent: () => import('./catalogues.page').then((m) => m.CataloguesPage),
      },
      {
        path: 'keys',
        title: 'title.monitoringKeys',
        canActivate: [OFFICE],
        loadComponent: () => import('./keys.page').then((m) => m.KeysPage),
      },
    ],
  },
];
