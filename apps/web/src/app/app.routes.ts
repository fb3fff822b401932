import type { Route } from '@angular/router';
import { assessmentRoutes } from '@hutong/assessment-web';
import { identityRoutes, loginRoute } from '@hutong/identity-web';
import { notificationRoutes } from '@hutong/notifications-web';
import { organisationRoutes } from '@hutong/organisations-web';
import { taskRoutes } from '@hutong/tasks-web';
import { reviewRoutes } from '@hutong/review-web';
import { monitoringRoutes } from '@hutong/monitoring-web';
import { authGuard, homeRedirect, platformRoutes } from '@hutong/platform-web';

/** Every page of the web app, composed from the capabilities' routes; each page is its own lazy chunk. */
export const appRoutes: Route[] = [
  loginRoute,
  {
    path: '',
    canActivate: [authGuard],
    loadComponent: () => import('./shell/layout').then((m) => m.Layout),
    children: [
      ...organisationRoutes,
      ...identityRoutes,
      ...platformRoutes,
      ...assessmentRoutes,
      ...notificationRoutes,
      ...taskRoutes,
      ...reviewRoutes,
      ...monitoringRoutes,
      { path: '', pathMatch: 'full', canActivate: [homeRedirect], children: [] },
    ],
  },
  { path: '**', redirectTo: '' },
];
