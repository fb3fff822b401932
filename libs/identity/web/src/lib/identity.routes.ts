import type { Route, Routes } from '@angular/router';
import { anonymousGuard, roleGuard } from '@hutong/platform-web';

/** The login page (outside the shell). */
export const loginRoute: Route = {
  path: 'login',
  canActivate: [anonymousGuard],
  title: '登录 · 互通',
  loadComponent: () => import('./login.page').then((m) => m.LoginPage),
};

/** The identity pages inside the shell. */
export const identityRoutes: Routes = [
  {
    path: 'users',
    canActivate: [roleGuard(['admin'])],
    title: '用户 · 互通',
    loadComponent: () => import('./users/users.page').then((m) => m.UsersPage),
  },
];
