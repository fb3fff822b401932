import { Module } from '@nestjs/common';
import { AuditService } from './audit/audit.service';
import { OrgImportProcessor } from './imports/org-import.processor';
import { OrgImportRunner } from './imports/org-import.runner';
import { OrgImportWriter } from './imports/org-import.writer';
import { QueueModule } from './queue/queue.module';
import { MaintenanceProcessor, ScheduleRegistrar } from './maintenance/maintenance.processor';

/** Every BullMQ processor the worker app runs. */
@Module({
  imports: [QueueModule],
  providers: [
    AuditService,
    OrgImportWriter,
    OrgImportRunner,
    OrgImportProcessor,
    MaintenanceProcessor,
    ScheduleRegistrar,
  ],
})
export class WorkerFeaturesModule {}
