import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import type { LoginRequest } from '@hutong/platform-model';

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'coordinator' })
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty({ example: 'Hutong-demo-2026' })
  @IsString()
  @Length(1, 128)
  password!: string;
}
