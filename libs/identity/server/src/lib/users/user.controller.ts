import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Paged } from '@hutong/platform-model';
import type { UserView } from '@hutong/identity-model';
import { Access, ApiErrors, CurrentUser } from '@hutong/platform-server';
import type { Principal } from '@hutong/platform-server';
import { CreateUserDto, UpdateUserDto, UserListQueryDto, UserPageDto, UserViewDto } from './user.dto';
import { UserService } from './user.service';

@ApiTags('users')
@Controller('users')
export class UserController {
  constructor(private readonly users: UserService) {}

  @Get()
  @Access({ roles: ['admin'], org: 'none' })
  @ApiOperation({ summary: 'Users: search, filter by role, paginate (admins)' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiErrors(400)
  list(@Query() q: UserListQueryDto): Promise<Paged<UserView>> {
    return this.users.list(q);
  }

  @Post()
  @Access({ roles: ['admin'], org: 'none' })
  @ApiOperation({ summary: 'Create a user with a role, organisation and jurisdiction (admins)' })
  @ApiCreatedResponse({ type: UserViewDto })
  @ApiErrors([400, 'invalid request, or a password the policy refuses (code password.*)'], 404, [
    409,
    'the user name is taken',
  ])
  create(@CurrentUser() actor: Principal, @Body() dto: CreateUserDto): Promise<UserView> {
    return this.users.create(actor, dto);
  }

  @Patch(':id')
  @Access({ roles: ['admin'], org: 'none' })
  @ApiOperation({
    summary: 'Edit, deactivate or reset the password of a user (admins); ends its sessions on scope changes',
  })
  @ApiOkResponse({ type: UserViewDto })
  @ApiErrors([400, 'invalid request, or a password the policy refuses (code password.*)'], 404)
  update(
    @CurrentUser() actor: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(actor, id, dto);
  }
}
