// The assessment capability's public surface: its module, services, entities and the default schemes' seeding.
export * from './lib/assessment.module';
export { ApplicationService } from './lib/application.service';
export { ApplicationReader, type ApplicationDossier, type ApplicationSubject } from './lib/application-reader.service';
export { CycleService } from './lib/cycle.service';
export { ApplicationStats, type ApplicationStageCount } from './lib/application-stats';
export { stageEventOutbox } from './lib/stage-event-outbox';
export { seedDefaultSchemes } from './lib/scheme.service';
export * from './lib/entities/assessment.entities';
export { AnswerChoiceDto, AnswerDto, IndicatorNodeDto } from './lib/assessment.dto';
export { EvidenceViewDto } from './lib/assessment.responses';
