import type { MessageCatalogue } from '@hutong/platform-model';
import type { AuditTextKey } from '../audit/audit.texts';
import type { CoreTextKey } from './core.texts';

/**
 * Every text key the app knows, as an interface that each capability's web lib extends with its own keys
 * (declaration merging in its `*.texts.ts`):
 *
 *   declare module '@hutong/platform-web' { interface TextKeys extends Record<OrganisationTextKey, true> {} }
 *
 * so `t('org.title')` type-checks inside organisations (and the app), and a typo does not.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type
export interface TextKeys extends Record<CoreTextKey | AuditTextKey, true> {}

export type TextKey = keyof TextKeys;

/** One capability's texts in both languages, and the error catalogues its pages may meet. */
export interface TextBundle {
  name: string;
  zh: Readonly<Record<string, string>>;
  en: Readonly<Record<string, string>>;
  messages?: MessageCatalogue[];
}
