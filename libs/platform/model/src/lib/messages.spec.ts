import {
  DomainError,
  composeCatalogues,
  errorsOf,
  formatMessage,
  isMessageCode,
  langFromAcceptLanguage,
  renderMessage,
} from './messages';
import { PLATFORM_CATALOGUE, PLATFORM_MESSAGES, platformError } from './platform-messages';

describe('message catalogues', () => {
  const cat = composeCatalogues(PLATFORM_CATALOGUE, {
    messages: { 'x.taken': { status: 409, zh: '{what|thing}“{name}”已存在', en: 'The {what|thing} “{name}” exists' } },
    labels: { thing: { box: { zh: '箱子', en: 'box' } }, entity: { box: { zh: '箱子', en: 'box' } } },
  });

  it('renders zh and en, with params and label tables', () => {
    expect(renderMessage(cat, 'x.taken', { what: 'box', name: 'B1' }, 'zh')).toBe('箱子“B1”已存在');
    expect(renderMessage(cat, 'x.taken', { what: 'box', name: 'B1' }, 'en')).toBe('The box “B1” exists');
    expect(renderMessage(cat, 'common.not_found', { entity: 'box' }, 'en')).toBe('The box does not exist');
    expect(renderMessage(cat, 'x.nothing', {}, 'en')).toBeNull();
  });

  it('keeps an unknown placeholder or label as it is', () => {
    expect(formatMessage('{a} {b}', { a: 1 }, 'zh')).toBe('1 {b}');
    expect(formatMessage('{a|t}', { a: 'raw' }, 'en', {})).toBe('raw');
  });

  it('renders {x|date} as 2023年7月3日 in zh and 2023-07-03 in en', () => {
    expect(formatMessage('截止 {due|date}', { due: '2023-07-03' }, 'zh')).toBe('截止 2023年7月3日');
    expect(formatMessage('due {due|date}', { due: '2023-07-03' }, 'en')).toBe('due 2023-07-03');
    // an instant is its Shanghai date; anything else stays as it is
    expect(formatMessage('{due|date}', { due: '2023-07-03T16:00:00Z' }, 'zh')).toBe('2023年7月4日');
    expect(formatMessage('{due|date}', { due: 'soon' }, 'en')).toBe('soon');
  });

  it('merges the label tables of several catalogues', () => {
    expect(cat.labels['entity']).toMatchObject({ record: { zh: '记录' }, box: { en: 'box' } });
  });

  it('has zh and en for every platform code', () => {
    for (const [code, e] of Object.entries(PLATFORM_MESSAGES)) {
      expect(isMessageCode(code)).toBe(true);
      expect(e.zh && e.en).toBeTruthy();
    }
  });

  it('typed factories take the status from the catalogue', () => {
    const e = platformError('request.too_large', { limit: '1 MB' });
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toMatchObject({ code: 'request.too_large', status: 413, params: { limit: '1 MB' } });
    expect(errorsOf({ 'a.b': { zh: '甲', en: 'a' } })('a.b').status).toBe(400);
  });

  it('tells codes from literal messages', () => {
    expect(isMessageCode('organisation.in_use')).toBe(true);
    expect(isMessageCode('该机构不存在')).toBe(false);
    expect(isMessageCode('bad hash')).toBe(false);
    expect(isMessageCode('nodot')).toBe(false);
  });

  it('reads the language of Accept-Language (Chinese unless English is preferred)', () => {
    expect(langFromAcceptLanguage(undefined)).toBe('zh');
    expect(langFromAcceptLanguage('en')).toBe('en');
    expect(langFromAcceptLanguage('en-US,en;q=0.9')).toBe('en');
    expect(langFromAcceptLanguage('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh');
    expect(langFromAcceptLanguage('fr-FR, en;q=0.5, zh;q=0.4')).toBe('en');
    expect(langFromAcceptLanguage('fr')).toBe('zh');
    expect(langFromAcceptLanguage('en;q=0, zh')).toBe('zh');
  });
});
