import type { Routes } from '@angular/router';
import { roleGuard } from './auth.guard';

/** The platform's pages inside the shell: the audit log. */
export const platformRoutes: Routes = [
  {
    path: 'audit',
    canActivate: [roleGuard(['admin'])],
    title: '审计日志 · 互通',
    loadChildren: () => import('./audit/audit.routes').then((m) => m.auditRoutes),
  },
];
