import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Me } from '@hutong/platform-model';
import { ROLES } from '@hutong/platform-model';
import { APP_CONFIG, type AppConfig } from '@hutong/platform-config';
import { Access, ApiErrors, CurrentUser, MeDto, Public } from '@hutong/platform-server';
import { AuthService, SESSION_COOKIE } from './auth.service';
import { LoginDto } from './auth.dto';
import { LoginThrottlerGuard } from './login-throttler';
import type { Principal } from '@hutong/platform-server';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Log in; sets the httpOnly session cookie' })
  @ApiOkResponse({ type: MeDto, description: 'signed in: the session cookie is set' })
  @ApiErrors(400, [401, 'wrong user name or password'], [429, 'too many attempts for this user name from this address'])
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<Me> {
    const { token, me, expiresAt } = await this.auth.login(
      dto.username,
      dto.password,
      req.ip ?? null,
      req.get('user-agent') ?? null,
    );
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      expires: expiresAt,
      path: '/',
    });
    return me;
  }

  @Post('logout')
  @HttpCode(204)
  @Access({ roles: [...ROLES], org: 'none' })
  @ApiOperation({ summary: 'Log out: ends the session' })
  @ApiNoContentResponse({ description: 'signed out: the session cookie is cleared' })
  async logout(
    @CurrentUser() user: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.logout((req.cookies as Record<string, string>)[SESSION_COOKIE], user);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @Access({ roles: [...ROLES], org: 'none' })
  @ApiOperation({ summary: 'The logged-in user, role and jurisdiction' })
  @ApiOkResponse({ type: MeDto })
  me(@CurrentUser() user: Principal): Promise<Me> {
    return this.auth.me(user);
  }
}
