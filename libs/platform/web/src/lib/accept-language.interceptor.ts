import { inject } from '@angular/core';
import type { HttpInterceptorFn } from '@angular/common/http';
import { I18nService } from './i18n.service';

/**
 * Every api request asks for the UI's language (`Accept-Language`), so that what the server renders itself — error
 * messages, notification titles — is in the language on screen, not the browser's.
 */
export const acceptLanguageInterceptor: HttpInterceptorFn = (req, next) => {
  if (!req.url.startsWith('/api/') || req.headers.has('Accept-Language')) return next(req);
  const lang = inject(I18nService).lang();
  return next(req.clone({ setHeaders: { 'Accept-Language': lang === 'en' ? 'en-US,en;q=0.9' : 'zh-CN,zh;q=0.9' } }));
};
