export * from './load-resource';
export * from './list-state';
export * from './filter-bar';
export * from './paged-table';
export * from './form-drawer';
export * from './reason-dialog';
