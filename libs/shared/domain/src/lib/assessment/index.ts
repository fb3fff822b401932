export * from './levels';
export * from './schemes';
export * from './stage-machine';
export * from './completeness';
export * from './rating';
export * from './diff';
export * from './evidence';
export * from './dates';
