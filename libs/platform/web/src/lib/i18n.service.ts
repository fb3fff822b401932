import { Injectable, computed, inject, signal } from '@angular/core';
import { DOCUMENT } from '@angular/common';
import { NzI18nService, en_US, zh_CN } from 'ng-zorro-antd/i18n';
import type { HospitalGrade, MessageParams, OrgKind, OrgLevel } from '@hutong/platform-model';
import type { Role } from '@hutong/platform-model';
import {
  GRADE_LABELS_ZH,
  KIND_LABELS_ZH,
  ORG_LEVEL_LABELS_ZH,
  PLATFORM_CATALOGUE,
  composeCatalogues,
  renderMessage,
  type Lang as ModelLang,
  type MessageCatalogue,
} from '@hutong/platform-model';
import { CORE_EN, CORE_ZH } from './i18n/core.texts';
import type { TextBundle, TextKey } from './i18n/texts';

export type Lang = ModelLang;

/** The core texts and the platform's error codes: what the shell and the login page need. */
export const CORE_TEXTS: TextBundle = { name: 'core', zh: CORE_ZH, en: CORE_EN, messages: [PLATFORM_CATALOGUE] };

/**
 * `t(key, params)` in the current language. `t.message(code, params)` translates an error code of the
 * loaded message catalogues, or answers null when none knows it (errorMessage then falls back).
 */
export interface Translator {
  (key: TextKey, params?: MessageParams): string;
  message?: (code: string, params?: MessageParams) => string | null;
}
export const LANG_STORAGE_KEY = 'hutong.lang';

const LEVEL_LABELS_EN: Record<OrgLevel, string> = {
  province: 'Province',
  city: 'City',
  county: 'County / district',
  institution: 'Institution',
};
const KIND_LABELS_EN: Record<OrgKind, string> = {
  region: 'Region',
  hospital: 'Hospital',
  regional_platform: 'Regional platform',
  health_commission: 'Health commission',
  assessment_centre: 'Assessment centre',
};
const GRADE_LABELS_EN: Record<HospitalGrade, string> = {
  '3A': 'Grade III A',
  '3B': 'Grade III B',
  '3': 'Grade III',
  '2A': 'Grade II A',
  '2B': 'Grade II B',
  '2': 'Grade II',
  '1': 'Grade I',
  ungraded: 'Ungraded',
};

/** Replaces `{name}` placeholders. */
export function interpolate(text: string, params?: Record<string, string | number>): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function readStoredLang(storage: Pick<Storage, 'getItem'> | null): Lang {
  try {
    return storage?.getItem(LANG_STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

/**
 * Signal-based translations: Chinese first, English as the alternative. Reading `t()` in a template
 * makes the view depend on the language signal, so switching re-renders without a reload.
 */
@Injectable({ providedIn: 'root' })
export class I18nService {
  private readonly nzI18n = inject(NzI18nService, { optional: true });
  private readonly document = inject(DOCUMENT);
  private readonly storage: Storage | null = safeLocalStorage();
  private readonly langSignal = signal<Lang>(readStoredLang(this.storage));

  readonly lang = this.langSignal.asReadonly();
  readonly isZh = computed(() => this.langSignal() === 'zh');

  /** The text bundles registered so far: the core one, then each capability's, loaded with its routes. */
  private readonly bundles = signal<readonly TextBundle[]>([CORE_TEXTS]);
  private readonly loading = new Map<() => Promise<TextBundle>, Promise<true>>();
  private readonly texts = computed(() => {
    const zh: Record<string, string> = {};
    const en: Record<string, string> = {};
    for (const b of this.bundles()) {
      Object.assign(zh, b.zh);
      Object.assign(en, b.en);
    }
    return { zh, en };
  });
  private readonly catalogue = computed<MessageCatalogue>(() =>
    composeCatalogues(...this.bundles().flatMap((b) => b.messages ?? [])),
  );

  constructor() {
    this.apply(this.langSignal());
  }

  setLang(lang: Lang): void {
    this.langSignal.set(lang);
    try {
      this.storage?.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      // storage may be unavailable (private mode): the choice then lasts for the session
    }
    this.apply(lang);
  }

  toggle(): void {
    this.setLang(this.langSignal() === 'zh' ? 'en' : 'zh');
  }

  /** Adds a bundle of texts (and its error catalogues); registering one twice does nothing. */
  register(bundle: TextBundle): void {
    if (!this.bundles().includes(bundle)) this.bundles.update((bs) => [...bs, bundle]);
  }

  /** Loads a bundle once (a dynamic import: the texts of a lazy route stay in its chunk) and registers it. */
  load(loader: () => Promise<TextBundle>): Promise<true> {
    let p = this.loading.get(loader);
    if (!p) {
      p = loader().then((b) => {
        this.register(b);
        return true as const;
      });
      p.catch(() => this.loading.delete(loader));
      this.loading.set(loader, p);
    }
    return p;
  }

  /** Text for a key in the current language (the key itself while its bundle is not loaded). */
  readonly t: Translator = Object.assign(
    (key: TextKey, params?: MessageParams): string => {
      const texts = this.texts();
      return interpolate(texts[this.langSignal()][key] ?? texts.zh[key] ?? key, params);
    },
    {
      message: (code: string, params?: MessageParams): string | null =>
        renderMessage(this.catalogue(), code, params, this.langSignal()),
    },
  );

  readonly level = (v: OrgLevel): string => (this.isZh() ? ORG_LEVEL_LABELS_ZH[v] : LEVEL_LABELS_EN[v]);
  readonly kind = (v: OrgKind): string => (this.isZh() ? KIND_LABELS_ZH[v] : KIND_LABELS_EN[v]);
  readonly grade = (v: HospitalGrade | null | undefined): string =>
    v ? (this.isZh() ? GRADE_LABELS_ZH[v] : GRADE_LABELS_EN[v]) : '';
  readonly role = (v: Role): string => this.t(`role.${v}`);

  private apply(lang: Lang): void {
    this.nzI18n?.setLocale(lang === 'zh' ? zh_CN : en_US);
    this.document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }
}

export function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
