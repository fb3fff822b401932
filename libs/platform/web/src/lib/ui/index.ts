// The list pieces (`@hutong/platform-web/ui`); the form pieces are in ./forms (`@hutong/platform-web/ui-forms`).
export * from './load-resource';
export * from './list-state';
export * from './filter-bar';
export * from './paged-table';
