import { Injectable, effect, inject, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { TitleStrategy, type CanMatchFn, type RouterStateSnapshot } from '@angular/router';
import { I18nService } from '../i18n.service';
import type { TextBundle, TextKey } from './texts';

/**
 * A `canMatch` guard that loads a capability's texts before its route is used:
 *
 *   const texts = () => import('./organisations.texts').then((m) => m.ORGANISATION_TEXTS);
 *   { path: 'organisations', canMatch: [withTexts(texts)], … }
 *
 * The dynamic import keeps the texts in a lazy chunk: the shell and the login page carry only the core texts.
 */
export function withTexts(loader: () => Promise<TextBundle>): CanMatchFn {
  return () => inject(I18nService).load(loader);
}

/**
 * Route titles are text keys (`title: 'title.organisations'`): the page title is the key's text and the
 * app's name, in the current language, and follows a switch of language.
 */
@Injectable()
export class TranslatedTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly i18n = inject(I18nService);
  private readonly key = signal<string | undefined>(undefined);

  constructor() {
    super();
    effect(() => {
      const key = this.key();
      const app = this.i18n.t('app.name');
      this.title.setTitle(key ? `${this.i18n.t(key as TextKey)} · ${app}` : app);
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    this.key.set(this.buildTitle(snapshot));
  }
}
