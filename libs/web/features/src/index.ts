export * from './lib/routes';
export * from './lib/core/providers';
export { sessionExpiredInterceptor } from './lib/core/auth.guard';
export { I18nService, type Lang } from './lib/core/i18n.service';
export { AuthService } from './lib/core/auth.service';
