import { HttpException } from '@nestjs/common';
import type { ApiError } from '@hutong/platform-model';

/**
 * The error body a service call is refused with (what the api would answer: status, message, code, details).
 * Fails when the call succeeds or throws anything but an HTTP error.
 */
export async function refused(call: Promise<unknown>): Promise<ApiError> {
  let result: unknown;
  try {
    result = await call;
  } catch (e) {
    if (e instanceof HttpException) return e.getResponse() as ApiError;
    throw e;
  }
  throw new Error(`expected a refusal, got ${JSON.stringify(result)?.slice(0, 300)}`);
}
