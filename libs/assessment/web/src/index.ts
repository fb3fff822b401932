// Public surface: the routes (pages stay lazy chunks) and the assessment api service.
export { assessmentRoutes } from './lib/assessment.routes';
export * from './lib/assessment-api.service';
