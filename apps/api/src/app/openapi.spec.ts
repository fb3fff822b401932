import 'reflect-metadata';
import { describe, expect, it, beforeAll, afterAll } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { NestFactory, NestContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { configureApp } from './configure';
import { createOpenApiDocument, sortKeys } from './openapi';

type Operation = {
  operationId?: string;
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
};

const COMMITTED = fileURLToPath(new URL('../../openapi.json', import.meta.url));
const ERROR_REF = '#/components/schemas/ApiErrorDto';

/** Every route of every controller, as Nest's router will serve it: `GET /api/organisations/{id}`. */
function controllerRoutes(app: INestApplication): string[] {
  const container = (app as unknown as { container: NestContainer }).container;
  const routes: string[] = [];
  for (const module of container.getModules().values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (method === undefined) continue;
        const path = ['api', base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '')]
          .map((p) => p.replace(/^\/+|\/+$/g, ''))
          .filter(Boolean)
          .join('/')
          .replace(/:(\w+)/g, '{$1}');
        routes.push(`${RequestMethod[method]} /${path}`);
      }
    }
  }
  return routes.sort();
}

describe('the OpenAPI document (apps/api/openapi.json)', () => {
  let app: INestApplication;
  let doc: OpenAPIObject;
  let committed: OpenAPIObject;
  let operations: [string, Operation][];

  beforeAll(async () => {
    app = await NestFactory.create(AppModule, { preview: true, logger: false, abortOnError: false });
    configureApp(app);
    doc = createOpenApiDocument(app);
    committed = JSON.parse(readFileSync(COMMITTED, 'utf8')) as OpenAPIObject;
    operations = Object.entries(committed.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>).map(([m, op]): [string, Operation] => [
        `${m.toUpperCase()} ${path}`,
        op,
      ]),
    );
  });

  afterAll(async () => {
    await app?.close();
  });

  it('is what the controllers describe now (else: npm run openapi)', () => {
    expect(sortKeys(doc)).toEqual(committed);
  });

  it('has an operation for every controller route', () => {
    const routes = controllerRoutes(app);
    expect(routes.length).toBeGreaterThan(40);
    expect(operations.map(([route]) => route).sort()).toEqual(routes);
  });

  it('gives every operation a unique, readable id', () => {
    const ids = operations.map(([, op]) => op.operationId ?? '');
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z]+$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('documents a success answer and the error answers of every operation', () => {
    for (const [route, op] of operations) {
      const statuses = Object.keys(op.responses);
      const ok = statuses.filter((s) => /^2\d\d$/.test(s));
      expect({ route, ok: ok.length }).toEqual({ route, ok: 1 });
      const errors = statuses.filter((s) => /^[45]\d\d$/.test(s));
      expect({ route, errors: errors.length > 0 }).toEqual({ route, errors: true });
      // a success with a body names its schema (JSON) or is a file (binary)
      for (const media of Object.values(op.responses[ok[0]].content ?? {})) expect(media.schema).toBeDefined();
      // every 4xx body is the one error shape
      for (const s of errors.filter((e) => e.startsWith('4'))) {
        expect({ route, s, ref: op.responses[s].content?.['application/json']?.schema?.$ref }).toEqual({
          route,
          s,
          ref: ERROR_REF,
        });
      }
    }
  });

  it('documents 401 and 403 on every endpoint behind a session', () => {
    const open = ['POST /api/auth/login', 'GET /api/health'];
    for (const [route, op] of operations.filter(([r]) => !open.includes(r))) {
      expect({ route, statuses: Object.keys(op.responses) }).toEqual({
        route,
        statuses: expect.arrayContaining(['401', '403']),
      });
    }
  });

  it('leaves no property as an untyped object (a nullable field without `type` in @ApiProperty)', () => {
    const untyped: string[] = [];
    for (const [name, schema] of Object.entries(committed.components?.schemas ?? {})) {
      for (const [prop, s] of Object.entries(
        (schema as { properties?: Record<string, Record<string, unknown>> }).properties ?? {},
      )) {
        if (s['type'] === 'object' && !s['properties'] && !s['additionalProperties'] && !s['allOf'])
          untyped.push(`${name}.${prop}`);
      }
    }
    expect(untyped).toEqual([]);
  });
});
