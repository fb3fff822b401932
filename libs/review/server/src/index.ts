// The review capability's public surface: its modules, its services and its entities.
export * from './lib/entities/review.entities';
export * from './lib/meeting-notice';
export * from './lib/conformance-file';
export { ReviewModule, ReviewWorkerModule } from './lib/review.module';
export { ScoringReminders } from './lib/scoring-reminders';
export { ExpertService } from './lib/expert.service';
export { SessionService } from './lib/session.service';
export { ScoringService } from './lib/scoring.service';
