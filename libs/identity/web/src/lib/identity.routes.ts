import type { Route, Routes } from '@angular/router';
import { anonymousGuard, roleGuard, withTexts } from '@hutong/platform-web';

const texts = withTexts(() => import('./identity.texts').then((m) => m.IDENTITY_TEXTS));

/** The login page (outside the shell): the core texts are all it needs. */
export const loginRoute: Route = {
  path: 'login',
  canActivate: [anonymousGuard],
  title: 'title.login',
  loadComponent: () => import('./login.page').then((m) => m.LoginPage),
};

/** The identity pages inside the shell. */
export const identityRoutes: Routes = [
  {
    path: 'users',
    canMatch: [texts],
    canActivate: [roleGuard(['admin'])],
    title: 'title.users',
    loadComponent: () => import('./users/users.page').then((m) => m.UsersPage),
  },
];
