/**
 * Coded errors and the message catalogues that render them, framework-free so that model rules can
 * raise them, the api renders them (zh by default, en by `Accept-Language`) and the web translates them.
 *
 * A code is `<area>.<reason>` in snake_case (`organisation.in_use`, `common.not_found`). Its text has
 * `{name}` placeholders for params; `{name|table}` renders the param through a label table of the
 * catalogue (`{entity|entity}` turns `organisation` into 机构 / organisation), falling back on the raw value.
 * `{name|date}` is built in: a yyyy-MM-dd date (or an instant) as 2023年7月3日 in zh, as 2023-07-03 in en.
 */
import { formatZhDate, isValidDate, shanghaiDate } from './dates';

export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

export type MessageParams = Record<string, string | number>;

export interface MessageEntry {
  zh: string;
  en: string;
  /** the HTTP status the code answers with (400 when absent) */
  status?: number;
}

/** code → texts (and status) */
export type MessageTable = Record<string, MessageEntry>;
/** table → value → texts, for params rendered through a label table */
export type LabelTables = Record<string, Record<string, { zh: string; en: string }>>;

export interface MessageCatalogue<M extends MessageTable = MessageTable> {
  messages: M;
  labels?: LabelTables;
}

/** The pattern of a code: lower-case words joined by dots, at least two parts. */
export const MESSAGE_CODE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

export function isMessageCode(value: unknown): value is string {
  return typeof value === 'string' && MESSAGE_CODE_PATTERN.test(value);
}

/**
 * A rule refused: a stable code, its params and the HTTP status it answers with. Thrown by model rules and
 * services alike; the api's exception filter turns it into `{ statusCode, error, message, code, params, details? }`.
 */
export class DomainError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    readonly params: MessageParams = {},
    readonly status = 400,
    readonly details?: unknown,
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

/** A typed factory for one table's codes: the status comes from the entry. */
export function errorsOf<M extends MessageTable>(table: M) {
  return (code: keyof M & string, params: MessageParams = {}, details?: unknown): DomainError<keyof M & string> =>
    new DomainError(code, params, table[code]?.status ?? 400, details);
}

/** Several catalogues as one (later ones win on a clash, which the i18n check refuses). */
export function composeCatalogues(...catalogues: MessageCatalogue[]): Required<MessageCatalogue> {
  const out: Required<MessageCatalogue> = { messages: {}, labels: {} };
  for (const c of catalogues) {
    Object.assign(out.messages, c.messages);
    for (const [table, values] of Object.entries(c.labels ?? {}))
      out.labels[table] = { ...(out.labels[table] ?? {}), ...values };
  }
  return out;
}

/** Replaces `{name}` and `{name|table}` placeholders; unknown ones stay as they are. */
export function formatMessage(
  text: string,
  params: MessageParams | undefined,
  lang: Lang,
  labels?: LabelTables,
): string {
  if (!params) return text;
  return text.replace(/\{(\w+)(?:\|(\w+))?\}/g, (m, name: string, table?: string) => {
    if (!(name in params)) return m;
    const raw = String(params[name]);
    if (!table) return raw;
    if (table === 'date' && !labels?.['date']) return formatDateParam(raw, lang);
    return labels?.[table]?.[raw]?.[lang] ?? raw;
  });
}

function formatDateParam(raw: string, lang: Lang): string {
  const valid = isValidDate(raw) || !Number.isNaN(Date.parse(raw));
  if (!valid) return raw;
  if (lang === 'zh') return formatZhDate(raw);
  return isValidDate(raw) ? raw : shanghaiDate(new Date(raw));
}

/** The text of `code` in `lang`, or null when the catalogue does not know the code. */
export function renderMessage(
  catalogue: MessageCatalogue,
  code: string,
  params: MessageParams | undefined,
  lang: Lang,
): string | null {
  const entry = catalogue.messages[code];
  if (!entry) return null;
  return formatMessage(entry[lang], params, lang, catalogue.labels);
}

/**
 * The language a request asks for by its `Accept-Language` header: the first of zh / en by quality,
 * Chinese when it names neither.
 */
export function langFromAcceptLanguage(header: string | string[] | undefined | null): Lang {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  let best: { lang: Lang; q: number } | null = null;
  for (const part of value.split(',')) {
    const [tag, ...rest] = part.trim().toLowerCase().split(';');
    const lang: Lang | null = tag?.startsWith('zh') ? 'zh' : tag?.startsWith('en') ? 'en' : null;
    if (!lang) continue;
    const qParam = rest.map((r) => r.trim()).find((r) => r.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang, q };
  }
  return best?.lang ?? 'zh';
}
