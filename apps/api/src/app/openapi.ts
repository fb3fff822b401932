import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/**
 * Operation ids are `<resource><Method>` from the controller and method names — `OrganisationController.list`
 * is `organisationList` — so they stay put while routes and summaries change; the web's generated client
 * names its operations by them.
 */
export function operationId(controllerKey: string, methodKey: string): string {
  const resource = controllerKey.replace(/Controller$/, '');
  return resource[0].toLowerCase() + resource.slice(1) + methodKey[0].toUpperCase() + methodKey.slice(1);
}

/** The OpenAPI document of the api (served at /api/docs, written to apps/api/openapi.json by `npm run openapi`). */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Hutong 互通 API')
      .setDescription(
        'Interoperability maturity assessment and connectivity monitoring. Authenticate with POST /api/auth/login (httpOnly cookie).',
      )
      .setVersion('0.1.0')
      .addCookieAuth('hutong_sid')
      .build(),
    { operationIdFactory: operationId },
  );
}

/** Object keys sorted at every depth (arrays keep their order): the same document always serialises the same. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
