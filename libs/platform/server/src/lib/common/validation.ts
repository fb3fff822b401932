import { ValidationPipe, applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateBy, type ValidationError, type ValidationOptions } from 'class-validator';
import { DomainError, MAX_PAGE, isMessageCode, isValidDate, type MessageParams } from '@hutong/platform-model';
import { CodedHttpException } from './errors';

/** class-validator's constraint names → the generic code of the failure (when the DTO's message is no code). */
const CONSTRAINT_CODES: Record<string, string> = {
  whitelistValidation: 'validation.unknown_field',
  isDefined: 'validation.required',
  isNotEmpty: 'validation.required',
  arrayNotEmpty: 'validation.required',
  isInt: 'validation.integer',
  isNumber: 'validation.number',
  isNumberString: 'validation.number',
  isBoolean: 'validation.boolean',
  isString: 'validation.string',
  isArray: 'validation.array',
  arrayMinSize: 'validation.array',
  arrayMaxSize: 'validation.array',
  arrayUnique: 'validation.array',
  min: 'validation.out_of_range',
  max: 'validation.out_of_range',
  length: 'validation.length',
  minLength: 'validation.length',
  maxLength: 'validation.length',
  matches: 'validation.format',
  isIn: 'validation.one_of',
  isEnum: 'validation.one_of',
  isUuid: 'validation.uuid',
  isEmail: 'validation.email',
  isDateString: 'validation.date',
  isCalendarDate: 'validation.date',
};

const CJK = /[\u3400-\u9fff]/;

/**
 * One detail per failed constraint: `{ field, constraint, code, params }` (the filter adds `reason`, rendered
 * in the request's language). A DTO's message that is a code is used as the code; a Chinese literal of a DTO
 * not yet converted is kept for Chinese answers.
 */
export function validationDetails(errors: ValidationError[], prefix = ''): Record<string, unknown>[] {
  return errors.flatMap((e) => {
    const field = prefix + e.property;
    const own = Object.entries(e.constraints ?? {}).map(([constraint, message]) => {
      const params: MessageParams = { field };
      if (isMessageCode(message)) return { field, constraint, code: message, params };
      const code = CONSTRAINT_CODES[constraint] ?? 'validation.invalid';
      return CJK.test(message)
        ? { field, constraint, code, params, literal: message }
        : { field, constraint, code, params };
    });
    return [...own, ...validationDetails(e.children ?? [], `${field}.`)];
  });
}

/** The api's ValidationPipe: whitelist, transform, and a 400 `validation.failed` with per-field details. */
export function apiValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new CodedHttpException(new DomainError('validation.failed', {}, 400, validationDetails(errors))),
  });
}

export const DATE_FORMAT = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date written yyyy-MM-dd that exists (2026-02-30 does not): `validation.date`. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: { validate: (v: unknown) => typeof v === 'string' && DATE_FORMAT.test(v) && isValidDate(v) },
    },
    { message: 'validation.date', ...options },
  );
}

/** An optional `page` query field: a whole number from 1 to MAX_PAGE (`validation.page`). */
export function PageField(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: 'validation.page' }),
    Min(1, { message: 'validation.page' }),
    Max(MAX_PAGE, { message: 'validation.page' }),
  );
}

/** An optional `pageSize` query field: a whole number from 1 to `max` (`validation.page_size`). */
export function PageSizeField(max: number, byDefault: number): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ default: byDefault, minimum: 1, maximum: max }),
    IsOptional(),
    Type(() => Number),
    IsInt({ message: 'validation.page_size' }),
    Min(1, { message: 'validation.page_size' }),
    Max(max, { message: 'validation.page_size' }),
  );
}
