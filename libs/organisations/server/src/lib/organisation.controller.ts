import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { OrgView } from '@hutong/organisations-model';
import type { Paged } from '@hutong/platform-model';
import { ORG_READERS, ORG_WRITERS } from '@hutong/platform-model';
import { Access, ApiErrors, ApiFile, CurrentUser } from '@hutong/platform-server';
import type { Principal } from '@hutong/platform-server';
import { CreateOrgDto, OrgListQueryDto, OrgPageDto, OrgViewDto, UpdateOrgDto } from './organisation.dto';
import { OrganisationService } from './organisation.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationController {
  constructor(private readonly orgs: OrganisationService) {}

  @Get('roots')
  @Access({ roles: ORG_READERS, org: 'none' })
  @ApiOperation({ summary: 'Top nodes the caller can see (its jurisdiction root; all roots for admins)' })
  @ApiOkResponse({ type: [OrgViewDto] })
  roots(@CurrentUser() user: Principal): Promise<OrgView[]> {
    return this.orgs.roots(user);
  }

  @Get()
  @Access({ roles: ORG_READERS, org: { from: 'query', key: 'parentId', optional: true } })
  @ApiOperation({ summary: 'Organisations in the jurisdiction: filter, sort, paginate' })
  @ApiOkResponse({ type: OrgPageDto })
  @ApiErrors(400, 404)
  list(@CurrentUser() user: Principal, @Query() query: OrgListQueryDto): Promise<Paged<OrgView>> {
    return this.orgs.list(user, query);
  }

  @Get('export.xlsx')
  @Access({ roles: ORG_READERS, org: { from: 'query', key: 'parentId', optional: true } })
  @ApiOperation({ summary: 'The filtered list as an Excel workbook' })
  @ApiFile('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'the workbook (XLSX)')
  @ApiErrors(400, 404)
  async export(@CurrentUser() user: Principal, @Query() query: OrgListQueryDto, @Res() res: Response): Promise<void> {
    const buf = await this.orgs.exportXlsx(user, query);
    res
      .status(200)
      .set({
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="organisations.xlsx"; filename*=UTF-8''${encodeURIComponent('机构列表.xlsx')}`,
      })
      .send(buf);
  }

  @Get(':id')
  @Access({ roles: ORG_READERS, org: { from: 'param', key: 'id' } })
  @ApiOperation({ summary: 'One organisation' })
  @ApiOkResponse({ type: OrgViewDto })
  @ApiErrors(400, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<OrgView> {
    return this.orgs.get(id);
  }

  @Post()
  @Access({ roles: ORG_WRITERS, org: { from: 'body', key: 'parentId', optional: true } })
  @ApiOperation({ summary: 'Create an organisation under a parent in the jurisdiction (provinces: admins only)' })
  @ApiCreatedResponse({ type: OrgViewDto })
  @ApiErrors(400, 404, 409)
  create(@CurrentUser() user: Principal, @Body() dto: CreateOrgDto): Promise<OrgView> {
    return this.orgs.create(user, dto);
  }

  @Patch(':id')
  @Access({ roles: ORG_WRITERS, org: { from: 'param', key: 'id' } })
  @ApiOperation({ summary: 'Edit an organisation (not its level or place in the tree)' })
  @ApiOkResponse({ type: OrgViewDto })
  @ApiErrors(400, 404, 409)
  update(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateOrgDto,
  ): Promise<OrgView> {
    return this.orgs.update(user, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access({ roles: ['admin'], org: { from: 'param', key: 'id' } })
  @ApiOperation({ summary: 'Delete an organisation without children or users' })
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiErrors(400, 404, [409, 'still referenced (children, users, applications, cycles …): the message says by what'])
  remove(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.orgs.remove(user, id);
  }
}
