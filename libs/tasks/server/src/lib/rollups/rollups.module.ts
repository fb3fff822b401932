import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@hutong/organisations-server';
import { AssessmentModule, AssessmentWorkerModule } from '@hutong/assessment-server';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';
import { RollupProcessor, RollupStageSubscriber } from './rollup.processor';
import { RollupRepository } from './rollup.repository';
import { RollupService } from './rollup.service';

/** The dashboards in the api: the dashboard endpoint, and RollupService for the capabilities that change counted data. */
@Module({
  imports: [OrganisationsModule, AssessmentModule],
  controllers: [DashboardController],
  providers: [RollupRepository, RollupService, DashboardService],
  exports: [RollupService],
})
export class RollupsModule {}

/** The rollups in the worker: the flush and verify jobs, and the stage events that dirty an organisation. */
@Module({
  imports: [OrganisationsModule, AssessmentWorkerModule],
  providers: [RollupRepository, RollupService, RollupProcessor, RollupStageSubscriber],
  exports: [RollupService],
})
export class RollupsWorkerModule {}
