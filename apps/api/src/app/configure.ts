import type { INestApplication } from '@nestjs/common';
import { apiValidationPipe } from '@hutong/platform-server';

/** The global prefix and validation, shared by the server (main.ts) and the OpenAPI print-out (openapi.ts). */
export function configureApp(app: INestApplication): void {
  app.setGlobalPrefix('api');
  // 400 validation.failed with one detail per field (libs/platform/server/src/lib/common/validation.ts)
  app.useGlobalPipes(apiValidationPipe());
}
