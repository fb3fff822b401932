/**
 * The shared pieces of the list and form pages (`@hutong/platform-web/ui`): the load helper, the list
 * state, FilterBar, the paged table, FormDrawer and ReasonDialog. A separate entry point, not the index:
 * they bring ng-zorro's table, drawer and modal, which only the lazy pages need (the shell imports the
 * index, and ng-zorro's modules are not tree-shaken from it).
 */
export * from './lib/ui';
