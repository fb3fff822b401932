import type { Routes } from '@angular/router';
import { roleGuard } from './auth.guard';
import { withTexts } from './i18n/route-texts';

/** The platform's pages inside the shell: the audit log. */
export const platformRoutes: Routes = [
  {
    path: 'audit',
    canMatch: [withTexts(() => import('./audit/audit.texts').then((m) => m.AUDIT_TEXTS))],
    canActivate: [roleGuard(['admin'])],
    title: 'title.audit',
    loadChildren: () => import('./audit/audit.routes').then((m) => m.auditRoutes),
  },
];
