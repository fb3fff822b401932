import type { Routes } from '@angular/router';
import { withTexts } from '@hutong/platform-web';

const texts = withTexts(() => import('./notifications.texts').then((m) => m.NOTIFICATIONS_TEXTS));

/** The inbox and the e-mail preferences: every signed-in role has them (the shell's guard is enough). */
export const notificationRoutes: Routes = [
  {
    path: 'notifications',
    canMatch: [texts],
    title: 'title.notifications',
    pathMatch: 'full',
    loadComponent: () => import('./inbox.page').then((m) => m.InboxPage),
  },
  {
    path: 'notifications/preferences',
    canMatch: [texts],
    title: 'title.notificationPreferences',
    loadComponent: () => import('./preferences.page').then((m) => m.PreferencesPage),
    canDeactivate: [(page: { canLeave(): boolean | Promise<boolean> }) => page.canLeave()],
  },
];
