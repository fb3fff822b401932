/** The shared form pieces (`@hutong/platform-web/ui-forms`): FormDrawer and ReasonDialog (see ui.ts). */
export * from './lib/ui/forms';
