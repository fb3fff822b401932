import { HttpException, HttpStatus, ValidationPipe, type INestApplication } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

function flatten(errors: ValidationError[], prefix = ''): { field: string; reason: string }[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((reason) => ({ field: prefix + e.property, reason })),
    ...flatten(e.children ?? [], `${prefix}${e.property}.`),
  ]);
}

/** The global prefix and validation, shared by the server (main.ts) and the OpenAPI print-out (openapi.ts). */
export function configureApp(app: INestApplication): void {
  app.setGlobalPrefix('api');
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => {
        const details = flatten(errors);
        return new HttpException(
          {
            statusCode: HttpStatus.BAD_REQUEST,
            error: 'Bad Request',
            message: details.map((d) => d.reason).join('；'),
            details,
          },
          HttpStatus.BAD_REQUEST,
        );
      },
    }),
  );
}
