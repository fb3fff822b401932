import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, LOCALE_ID, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { acceptLanguageInterceptor, provideHutongWeb, sessionExpiredInterceptor } from '@hutong/platform-web';
import { appRoutes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(appRoutes, withComponentInputBinding()),
    provideHttpClient(withFetch(), withInterceptors([acceptLanguageInterceptor, sessionExpiredInterceptor])),
    { provide: LOCALE_ID, useValue: 'zh' },
    provideHutongWeb(),
  ],
};
