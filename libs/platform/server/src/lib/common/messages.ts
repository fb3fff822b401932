import {
  PLATFORM_CATALOGUE,
  composeCatalogues,
  renderMessage,
  type Lang,
  type MessageCatalogue,
  type MessageParams,
} from '@hutong/platform-model';

/**
 * The zh/en catalogue of what the server writes itself: error bodies now, DOCX/XLSX/notifications later.
 * The platform's codes are always there; each app registers its capabilities' catalogues at start
 * (`apps/api/src/messages.ts`, as it composes their entities).
 */
let catalogue: Required<MessageCatalogue> = composeCatalogues(PLATFORM_CATALOGUE);
const registered = new Set<MessageCatalogue>([PLATFORM_CATALOGUE]);

export function registerMessages(...catalogues: MessageCatalogue[]): void {
  for (const c of catalogues) registered.add(c);
  catalogue = composeCatalogues(...registered);
}

export function messageCatalogue(): Readonly<Required<MessageCatalogue>> {
  return catalogue;
}

export function hasMessage(code: string): boolean {
  return code in catalogue.messages;
}

/** The code's status in the catalogue (400 when it names none). */
export function statusOfCode(code: string): number {
  return catalogue.messages[code]?.status ?? 400;
}

/** The text of `code` in `lang`; an unknown code renders as itself (and the i18n check refuses it). */
export function renderCode(code: string, params: MessageParams | undefined, lang: Lang = 'zh'): string {
  return renderMessage(catalogue, code, params, lang) ?? code;
}
