import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { ROLES, type Role } from '@hutong/platform-model';
import { type CreateUserRequest, type UpdateUserRequest, type UserView } from '@hutong/identity-model';
import { OrgRefDto, PagedDto } from '@hutong/platform-server';

export class CreateUserDto implements CreateUserRequest {
  @ApiProperty({ example: 'xinyang-coord' })
  @Matches(/^[a-zA-Z0-9._-]{3,64}$/, { message: '用户名应为3–64位字母、数字、点、下划线或连字符' })
  username!: string;

  @ApiProperty({ example: '张三' })
  @IsString()
  @Length(1, 100, { message: '姓名应为1–100个字符' })
  displayName!: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsEmail({}, { message: '邮箱格式不正确' })
  email?: string | null;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: '角色无效' })
  role!: Role;

  @ApiProperty({ minLength: 10 })
  @IsString()
  password!: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: '所属机构标识无效' })
  organisationId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: '管辖范围标识无效' })
  jurisdictionId?: string | null;
}

export class UpdateUserDto implements UpdateUserRequest {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: '姓名应为1–100个字符' })
  displayName?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsEmail({}, { message: '邮箱格式不正确' })
  email?: string | null;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: '角色无效' })
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: '所属机构标识无效' })
  organisationId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: '管辖范围标识无效' })
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

  @ApiPropertyOptional({ default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
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
