import type { Routes } from '@angular/router';
import { roleGuard, withTexts } from '@hutong/platform-web';

/** The pages' texts, in their own chunk, loaded before a page is matched. */
const texts = withTexts(() => import('./organisations.texts').then((m) => m.ORGANISATION_TEXTS));

/** The organisations pages (children of the shell); each page is its own lazy chunk. */
export const organisationRoutes: Routes = [
  {
    path: 'organisations',
    canMatch: [texts],
    canActivate: [roleGuard(['admin', 'national', 'coordinator', 'viewer'])],
    title: 'title.organisations',
    loadComponent: () => import('./organisations.page').then((m) => m.OrganisationsPage),
  },
  {
    path: 'organisations/import',
    canMatch: [texts],
    canActivate: [roleGuard(['admin', 'coordinator'])],
    title: 'title.import',
    loadComponent: () => import('./import.page').then((m) => m.ImportPage),
  },
  {
    path: 'my-organisation',
    canMatch: [texts],
    title: 'title.myOrganisation',
    loadComponent: () => import('./my-organisation.page').then((m) => m.MyOrganisationPage),
  },
];
