/**
 * The shared pieces of the list pages (`@hutong/platform-web/ui`): the load helper, the list state,
 * FilterBar and the paged table. A separate entry point, not the index: they bring ng-zorro's table,
 * which only the lazy pages need (the shell imports the index, and ng-zorro's modules are not
 * tree-shaken from it). The form pieces (FormDrawer, ReasonDialog) are `@hutong/platform-web/ui-forms`,
 * so that a list page that defers its form does not load the drawer and the modal with the list (an
 * Angular component is never tree-shaken out of a barrel it shares).
 */
export * from './lib/ui';
