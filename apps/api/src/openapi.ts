/**
 * Prints the api's OpenAPI document (JSON, keys sorted) without a database or Redis:
 *   node dist/apps/api/openapi.js > openapi.json
 * The app is created in Nest's preview mode, which resolves the module graph and the routes but
 * instantiates no provider, so nothing connects. `npm run openapi` runs this through scripts/openapi.mjs,
 * which formats the result into apps/api/openapi.json and regenerates the web's client.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app/app.module';
import { configureApp } from './app/configure';
import { createOpenApiDocument, sortKeys } from './app/openapi';

async function main(): Promise<void> {
  const app = await NestFactory.create(AppModule, { preview: true, logger: false, abortOnError: false });
  configureApp(app);
  const doc = createOpenApiDocument(app);
  process.stdout.write(JSON.stringify(sortKeys(doc), null, 2) + '\n');
  await app.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
