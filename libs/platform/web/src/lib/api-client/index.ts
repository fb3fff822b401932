// The api client generated from apps/api/openapi.json (see docs/architecture.md, "OpenAPI is the contract").
export * from './api-client';
export type * from './api-operation';
export * from './generated/operations/index';
export type * as ApiSchemas from './generated/schemas';
