import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
  ApiExtraModels,
  type SchemaObject,
} from '@nestjs/swagger';
import type { ApiError, AuditEntryView, HealthView, Me, OrgRef, Paged, Role } from '@hutong/platform-model';
import { ROLES } from '@hutong/platform-model';

/**
 * The OpenAPI side of the contract: the one error body, the error answers an operation may give, pages
 * and file downloads. Controllers document every answer with these, so that the generated web client
 * (libs/platform/web/src/lib/api-client) knows every type.
 */

/** Any JSON value (what a TypeScript `unknown` holds): the schema names no type. */
const ANY_JSON: { oneOf: SchemaObject[] } = {
  oneOf: [
    { type: 'object' },
    { type: 'array', items: {} },
    { type: 'string' },
    { type: 'number' },
    { type: 'boolean' },
  ],
};

/** The body of every 4xx/5xx answer (`ApiError` in @hutong/platform-model). */
export class ApiErrorDto implements ApiError {
  @ApiProperty({ example: 409 }) statusCode!: number;
  @ApiProperty({ example: 'Conflict', description: 'the reason phrase of the status' }) error!: string;
  @ApiProperty({ description: 'for people, Chinese first' }) message!: string;
  @ApiPropertyOptional({ example: 'organisation.in_use', description: 'a stable machine-readable reason' })
  code?: string;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    description: 'the values the message names (a limit, a count, a name), for clients that word it themselves',
  })
  params?: Record<string, string | number>;
  @ApiPropertyOptional({
    ...ANY_JSON,
    description:
      'field or row level details: [{ field, reason }] for a 400 from validation, { rows, totalRows } for a rejected import, …',
  })
  details?: unknown;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429;

const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'invalid request: details lists every field and its reason',
  401: 'not signed in, or the session has ended',
  403: 'the role may not do this, or the organisation lies outside the caller’s jurisdiction',
  404: 'not found (or not visible to the caller)',
  409: 'refused in the current state: the message (and code, when there is one) says why',
  413: 'the upload is too large (code upload.too_large)',
  422: 'well-formed but not acceptable: details lists what is missing or wrong',
  429: 'too many attempts: wait and try again',
};

/**
 * The error answers of an operation, each an ApiErrorDto: `@ApiErrors(400, 404, [409, 'why'])`.
 * 401 and 403 come with `@Access` already.
 */
export function ApiErrors(...answers: (ErrorStatus | [ErrorStatus, string])[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...answers.map((a) => {
      const [status, description] = Array.isArray(a) ? a : [a, ERROR_DESCRIPTIONS[a]];
      return ApiResponse({ status, description, type: ApiErrorDto });
    }),
  );
}

/**
 * A file download: the 200 answer is the file's bytes in `mime`. (Not `@ApiProduces`, which would give the
 * error answers that media type too: they stay JSON.)
 */
export function ApiFile(mime: string, description = 'the file'): MethodDecorator & ClassDecorator {
  return ApiOkResponse({ description, content: { [mime]: { schema: { type: 'string', format: 'binary' } } } });
}

/**
 * A page of `item`s (`Paged<T>`), as a named schema: `class OrgPageDto extends PagedDto(OrgViewDto) {}` (the subclass names the schema).
 */
export function PagedDto<T>(item: Type<T>): Type<Paged<T>> {
  class PageDto implements Paged<T> {
    @ApiProperty({ type: () => [item] }) items!: T[];
    @ApiProperty({ description: 'matches in all' }) total!: number;
    @ApiProperty({ description: '1-based' }) page!: number;
    @ApiProperty() pageSize!: number;
  }
  return PageDto;
}

/** `{ ok: true }`: the operation did what was asked and has nothing else to say. */
export class OkDto {
  @ApiProperty({ enum: [true] }) ok!: true;
}

export class OrgRefDto implements OrgRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class MeDto implements Me {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: () => OrgRefDto, nullable: true }) organisation!: OrgRefDto | null;
  @ApiProperty({
    type: () => OrgRefDto,
    nullable: true,
    description: 'root of the subtree the user may act in (null for admins: everything)',
  })
  jurisdiction!: OrgRefDto | null;
}

export class AuditEntryViewDto implements AuditEntryView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName!: string | null;
  @ApiProperty({ example: 'organisation.create' }) action!: string;
  @ApiProperty() entityType!: string;
  @ApiProperty({ type: String, nullable: true }) entityId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'what the entry is about, by name' })
  entityLabel!: string | null;
  @ApiProperty({ ...ANY_JSON, nullable: true, description: 'the entity before the change, or null' }) before!: unknown;
  @ApiProperty({ ...ANY_JSON, nullable: true, description: 'the entity after the change, or null' }) after!: unknown;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'names for the ids that before/after mention',
  })
  refs!: Record<string, string>;
  @ApiProperty({ type: String, nullable: true }) ip!: string | null;
}

export class AuditPageDto extends PagedDto(AuditEntryViewDto) {}

class HealthIndicatorDto {
  @ApiProperty() status!: string;
  @ApiPropertyOptional() message?: string;
}

@ApiExtraModels(HealthIndicatorDto)
export class HealthViewDto implements HealthView {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] }) status!: 'ok' | 'error';
  @ApiPropertyOptional({ type: 'object', additionalProperties: { $ref: getSchemaPath(HealthIndicatorDto) } })
  info?: Record<string, HealthIndicatorDto>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { $ref: getSchemaPath(HealthIndicatorDto) } })
  error?: Record<string, HealthIndicatorDto>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { $ref: getSchemaPath(HealthIndicatorDto) } })
  details?: Record<string, HealthIndicatorDto>;
}
