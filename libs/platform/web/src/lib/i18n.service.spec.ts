import { TestBed } from '@angular/core/testing';
import { NzI18nService } from 'ng-zorro-antd/i18n';
import { EN, ZH } from './dictionaries';
import { I18nService, LANG_STORAGE_KEY, interpolate, readStoredLang } from './i18n.service';

describe('I18nService', () => {
  beforeEach(() => {
    localStorage.clear();
    TestBed.resetTestingModule();
  });

  it('speaks Chinese by default', () => {
    const sut = TestBed.inject(I18nService);
    expect(sut.lang()).toBe('zh');
    expect(sut.t('login.submit')).toBe('登录');
    expect(sut.level('county')).toBe('区县');
    expect(sut.grade('3A')).toBe('三级甲等');
    expect(sut.role('coordinator')).toBe('测评管理员');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('switches to English, persists the choice and updates the ng-zorro locale', () => {
    const sut = TestBed.inject(I18nService);
    const nz = TestBed.inject(NzI18nService);
    sut.toggle();
    expect(sut.lang()).toBe('en');
    expect(sut.t('login.submit')).toBe('Sign in');
    expect(sut.kind('hospital')).toBe('Hospital');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en');
    expect(nz.getLocale().locale).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });

  it('starts in the stored language', () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'en');
    expect(TestBed.inject(I18nService).t('nav.organisations')).toBe('Organisations');
  });

  it('interpolates parameters', () => {
    const sut = TestBed.inject(I18nService);
    expect(sut.t('import.errorsHeader', { n: 3 })).toBe('共 3 行有错误，未写入任何数据');
    expect(sut.t('import.result', { created: 2, updated: 1 })).toBe('新增 2 个，更新 1 个');
    expect(interpolate('{a}-{b}', { a: 1 })).toBe('1-{b}');
  });

  it('falls back to Chinese for unknown stored values', () => {
    expect(readStoredLang({ getItem: () => 'fr' })).toBe('zh');
    expect(readStoredLang(null)).toBe('zh');
    expect(
      readStoredLang({
        getItem: () => {
          throw new Error('denied');
        },
      }),
    ).toBe('zh');
  });

  it('has an English text for every Chinese key and the same placeholders', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
    for (const key of Object.keys(ZH) as (keyof typeof ZH)[]) {
      expect(EN[key]).toBeTruthy();
      expect(placeholders(EN[key])).toBe(placeholders(ZH[key]));
    }
  });
});
