// The form pieces (`@hutong/platform-web/ui-forms`): they bring ng-zorro's drawer, modal and alert.
export * from './form-drawer';
export * from './reason-dialog';
