import { TestBed } from '@angular/core/testing';
import { NzI18nService } from 'ng-zorro-antd/i18n';
import { HttpErrorResponse } from '@angular/common/http';
import { errorMessage } from './api-error';
import { AUDIT_EN, AUDIT_ZH, AUDIT_TEXTS } from './audit/audit.texts';
import { CORE_EN, CORE_ZH } from './i18n/core.texts';
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
    expect(sut.t('common.total', { n: 3 })).toBe('共 3 条');
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
    for (const [zh, en] of [
      [CORE_ZH, CORE_EN],
      [AUDIT_ZH, AUDIT_EN],
    ] as [Record<string, string>, Record<string, string>][]) {
      for (const key of Object.keys(zh)) {
        expect(en[key]).toBeTruthy();
        expect(placeholders(en[key])).toBe(placeholders(zh[key]));
      }
    }
  });

  it("a lazy route's bundle adds its texts and error codes once loaded", async () => {
    const sut = TestBed.inject(I18nService);
    expect(sut.t('audit.title')).toBe('audit.title');
    const loader = () => Promise.resolve(AUDIT_TEXTS);
    await sut.load(loader);
    await sut.load(loader);
    expect(sut.t('audit.title')).toBe('审计日志');
    sut.setLang('en');
    expect(sut.t('audit.title')).toBe('Audit log');
  });

  it('an English UI shows the English text of a coded error (not the Chinese server message)', () => {
    const sut = TestBed.inject(I18nService);
    sut.setLang('en');
    const err = new HttpErrorResponse({
      status: 400,
      error: {
        statusCode: 400,
        error: 'Bad Request',
        message: '日期“2023-02-30”不存在',
        code: 'date.invalid',
        params: { value: '2023-02-30' },
      },
    });
    expect(errorMessage(err, sut.t)).toBe('The date “2023-02-30” does not exist');
    sut.setLang('zh');
    expect(errorMessage(err, sut.t)).toBe('日期“2023-02-30”不存在');
    // a code no loaded catalogue knows: the server's message
    const unknown = new HttpErrorResponse({
      status: 409,
      error: { statusCode: 409, error: 'Conflict', message: '服务器的话', code: 'other.thing' },
    });
    expect(errorMessage(unknown, sut.t)).toBe('服务器的话');
  });
});
