import {
  HttpStatus,
  Inject,
  Injectable,
  PayloadTooLargeException,
  mixin,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type Type,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { catchError, from, mergeMap, throwError, type Observable } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '@hutong/platform-config';
import { coded } from './errors';

/** "20 MB", "1.5 MB". */
export function megabytes(bytes: number): string {
  return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
}

export const uploadTooLarge = (limit: number) =>
  coded('upload.too_large', { limit: megabytes(limit) }, { limitBytes: limit }, HttpStatus.PAYLOAD_TOO_LARGE);

/**
 * One uploaded file in `field`, held in memory, at most UPLOAD_MAX_BYTES (and `maxBytes` when
 * smaller). Multer stops reading at the limit; the answer is a 413 ApiError with code
 * `upload.too_large`.
 */
export function FileUpload(field: string, maxBytes = Number.POSITIVE_INFINITY): Type<NestInterceptor> {
  @Injectable()
  class FileUploadInterceptor implements NestInterceptor {
    private readonly limit: number;
    private readonly inner: NestInterceptor;

    constructor(@Inject(APP_CONFIG) config: AppConfig) {
      this.limit = Math.min(config.uploadMaxBytes, maxBytes);
      const Multer = FileInterceptor(field, {
        limits: { fileSize: this.limit, files: 1, fields: 20, fieldSize: 64 * 1024 },
      });
      this.inner = new Multer({});
    }

    intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
      return from(Promise.resolve().then(() => this.inner.intercept(context, next))).pipe(
        mergeMap((result) => result),
        catchError((e: unknown) =>
          throwError(() => (e instanceof PayloadTooLargeException ? uploadTooLarge(this.limit) : e)),
        ),
      );
    }
  }
  return mixin(FileUploadInterceptor);
}
