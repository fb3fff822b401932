import { PageField, PageSizeField } from '@hutong/platform-server';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { ROLES, type Role } from '@hutong/platform-model';
import { type CreateUserRequest, type UpdateUserRequest, type UserView } from '@hutong/identity-model';
import { OrgRefDto, PagedDto } from '@hutong/platform-server';

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ example: 'xinyang-coord' })
  @Matches(/^[a-zA-Z0-9._-]{3,64}$/, { message: 'user.username_format' })
  username!: string;

  @ApiProperty({ example: '张三' })
  @IsString()
  @Length(1, 100, { message: 'user.display_name_length' })
  displayName!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsEmail({}, { message: 'user.email_invalid' })
  email?: string | null;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: 'user.role_invalid' })
  role!: Role;

  @ApiProperty({ minLength: 10 })
  @IsString()
  password!: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'user.organisation_id_invalid' })
  organisationId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'user.jurisdiction_id_invalid' })
  jurisdictionId?: string | null;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'user.display_name_length' })
  displayName?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsEmail({}, { message: 'user.email_invalid' })
  email?: string | null;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: 'user.role_invalid' })
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'user.organisation_id_invalid' })
  organisationId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'user.jurisdiction_id_invalid' })
  jurisdictionId?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  password?: string;
}

export class UserListQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(0, 100)
  q?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @PageField()
  page?: number;

  @PageSizeField(200, 20)
  pageSize?: number;
}

/** The answer of the user endpoints (the OpenAPI schema of UserView). */
export class UserViewDto implements UserView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: () => OrgRefDto, nullable: true }) organisation!: OrgRefDto | null;
  @ApiProperty({ type: () => OrgRefDto, nullable: true }) jurisdiction!: OrgRefDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastLoginAt!: string | null;
}

export class UserPageDto extends PagedDto(UserViewDto) {}
