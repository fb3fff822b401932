import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { type DashboardView, type DueDayFigure, type RegionFigure, type TaskStatus } from '@hutong/tasks-model';
import { Access, ApiErrors, CurrentUser, type Principal } from '@hutong/platform-server';
import { DashboardService } from './dashboard.service';

export class DashboardQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'the cycle whose applications are counted by stage' })
  @IsOptional()
  @IsUUID('all', { message: 'validation.uuid' })
  cycleId?: string;
}

class DashboardScopeDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) id!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty() path!: string;
}

class TaskStatusCountsDto implements Record<TaskStatus, number> {
  @ApiProperty() open!: number;
  @ApiProperty() acknowledged!: number;
  @ApiProperty() submitted!: number;
  @ApiProperty() accepted!: number;
  @ApiProperty() returned!: number;
  @ApiProperty() cancelled!: number;
}

class DashboardTasksDto {
  @ApiProperty({ type: TaskStatusCountsDto }) byStatus!: TaskStatusCountsDto;
  @ApiProperty() overdue!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'mean hours from issue to the first response' })
  avgResponseHours!: number | null;
}

class DashboardTodoDto {
  @ApiProperty() responsesToReview!: number;
  @ApiProperty() applicationsToAct!: number;
}

class RegionFigureDto implements RegionFigure {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() overdue!: number;
  @ApiProperty() waiting!: number;
}

class CycleProgressDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'applications by state' })
  byState!: Record<string, number>;
}

class DueDayFigureDto implements DueDayFigure {
  @ApiProperty({ example: '2023-07-03' }) date!: string;
  @ApiProperty() n!: number;
}

export class DashboardViewDto implements DashboardView {
  @ApiProperty({ type: DashboardScopeDto }) scope!: DashboardScopeDto;
  @ApiProperty({ type: DashboardTasksDto }) tasks!: DashboardTasksDto;
  @ApiProperty({ type: DashboardTodoDto }) todo!: DashboardTodoDto;
  @ApiProperty({ type: [RegionFigureDto] }) overdueByRegion!: RegionFigureDto[];
  @ApiProperty({ type: CycleProgressDto, nullable: true }) cycle!: CycleProgressDto | null;
  @ApiProperty({ type: [DueDayFigureDto] }) upcoming!: DueDayFigureDto[];
  @ApiProperty() pendingRefresh!: number;
}

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @Access({
    roles: ['admin', 'national', 'coordinator', 'viewer', 'applicant'],
    org: { from: 'query', key: 'cycleId', optional: true, via: 'cycle' },
  })
  @ApiOperation({
    summary:
      'The dashboard of the caller’s jurisdiction: tasks by status, overdue by region, cycle progress, upcoming deadlines',
  })
  @ApiOkResponse({ type: DashboardViewDto })
  @ApiErrors(400)
  get(@CurrentUser() user: Principal, @Query() q: DashboardQueryDto): Promise<DashboardView> {
    return this.dashboard.view(user, q.cycleId ?? null);
  }
}
