import {
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ImportJobView } from '@hutong/organisations-model';
import { IMPORT_COLUMNS, IMPORT_HEADER_ZH } from '@hutong/organisations-model';
import { ORG_WRITERS } from '@hutong/platform-model';
import { Access, ApiErrors, ApiFile, CurrentUser } from '@hutong/platform-server';
import type { Principal } from '@hutong/platform-server';
import { coded } from '@hutong/platform-server';
import { FileUpload } from '@hutong/platform-server';
import { OrgImportService } from './org-import.service';
import { ImportJobViewDto } from '../organisation.dto';

@ApiTags('organisations')
@Controller('organisations')
export class OrgImportController {
  constructor(private readonly imports: OrgImportService) {}

  @Post('imports')
  @HttpCode(202)
  @Access({ roles: ORG_WRITERS, org: 'none' })
  @UseInterceptors(FileUpload('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
  })
  @ApiOperation({
    summary: 'Import organisations from CSV or XLSX',
    description:
      'Columns (Chinese or English headers): code/机构编码, name/名称, level/层级 (省/市/区县/机构), kind/类型 (医院/区域平台/卫生健康委员会/测评中心), ' +
      'parent_code/上级编码, region_code/行政区划代码 (6 digits), grade/医院等级 (三级甲等…). Every row is validated first; ' +
      'if any row is bad the answer is 422 with every bad row and nothing is written. Otherwise 202 and the worker writes the rows; ' +
      'poll GET /api/organisations/imports/{id} for progress. Rows are upserted by code, so importing the same file again changes nothing.',
  })
  @ApiAcceptedResponse({ type: ImportJobViewDto, description: 'queued: poll GET /api/organisations/imports/{id}' })
  @ApiErrors(
    [400, 'no file in the field file'],
    [
      413,
      'upload.too_large: over UPLOAD_MAX_BYTES; import.inflated_too_large: an XLSX inflating beyond IMPORT_MAX_INFLATED_BYTES; import.too_many_rows: over IMPORT_MAX_ROWS',
    ],
    [422, 'ImportRejected: details.rows lists every bad row with its line number and reason'],
  )
  upload(
    @CurrentUser() user: Principal,
    @UploadedFile() file: { originalname: string; buffer: Buffer } | undefined,
  ): Promise<ImportJobView> {
    if (!file) throw coded('import.file_missing');
    return this.imports.upload(user, Buffer.from(file.originalname, 'latin1').toString('utf8'), file.buffer);
  }

  @Get('imports')
  @Access({ roles: ORG_WRITERS, org: 'none' })
  @ApiOperation({ summary: 'Recent imports in the jurisdiction' })
  @ApiOkResponse({ type: [ImportJobViewDto] })
  recent(@CurrentUser() user: Principal): Promise<ImportJobView[]> {
    return this.imports.recent(user);
  }

  @Get('imports/:id')
  @Access({ roles: ORG_WRITERS, org: 'none' })
  @ApiOperation({ summary: 'One import with its progress' })
  @ApiOkResponse({ type: ImportJobViewDto })
  @ApiErrors(400, 404)
  get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<ImportJobView> {
    return this.imports.get(user, id);
  }

  @Get('import-template.csv')
  @Access({ roles: ORG_WRITERS, org: 'none' })
  @ApiOperation({ summary: 'An empty import template with the Chinese headers' })
  @ApiFile('text/csv', 'the template (CSV, UTF-8 with BOM)')
  template(@Res() res: Response): void {
    const line = IMPORT_COLUMNS.map((f) => IMPORT_HEADER_ZH[f]).join(',');
    const example = '12411500TEST00001X,示例县人民医院,机构,医院,411502,411502,二级甲等';
    res
      .status(200)
      .set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="org-import-template.csv"`,
      })
      .send('\uFEFF' + line + '\n' + example + '\n');
  }
}
