import { NOTIFICATIONS_CATALOGUE } from '@hutong/notifications-model';
import { composeCatalogues, renderMessage } from '@hutong/platform-model';
import { decodeWords, parseMail } from '../../testing/smtp-sink';
import { mailDomain, messageIdOf, renderDigestMail, type RenderCode } from './mail-render';
import { renderNotificationMail } from './mail-render';

const catalogue = composeCatalogues(NOTIFICATIONS_CATALOGUE, {
  messages: { 'test.subject': { zh: '第一行\r\nBcc: x@evil.cn', en: 'Line one\nBcc: x@evil.cn' } },
});
const render: RenderCode = (code, params, lang) => renderMessage(catalogue, code, params, lang) ?? code;

describe('the mail texts', () => {
  it('keeps a subject on one line (no header injection)', () => {
    const m = renderNotificationMail(render, { titleCode: 'test.subject', bodyCode: null, params: {} }, 'en');
    expect(m.subject).toBe('Line one Bcc: x@evil.cn');
    expect(m.text.startsWith('Line one\nBcc')).toBe(true);
  });

  it('lists the newest items of a digest and counts the rest, in the language asked for', () => {
    const item = { titleCode: 'test.subject', bodyCode: null, params: {} };
    const m = renderDigestMail(render, '张三', [item, item], 5, 'zh');
    expect(m.subject).toBe('互通：您有5条未读通知');
    expect(m.text).toContain('张三，您好！');
    expect(m.text).toContain('……另有3条');
    expect(renderDigestMail(render, 'Ann', [item], 1, 'en').text).not.toContain('more');
  });

  it('derives a stable Message-ID from the row and the sender’s domain', () => {
    expect(mailDomain('Hutong <noreply@hutong.example.cn>')).toBe('hutong.example.cn');
    expect(mailDomain('noreply@x.cn')).toBe('x.cn');
    expect(mailDomain('nobody')).toBe('hutong.local');
    expect(messageIdOf('0190-ab', 'a@b.cn')).toBe('<0190-ab@b.cn>');
  });
});

describe('the SMTP sink’s parser', () => {
  it('decodes encoded words and quoted-printable bodies', () => {
    expect(decodeWords('=?UTF-8?B?5LqS6YCa?= =?UTF-8?Q?=E9=80=9A=E7=9F=A5?=')).toBe('互通通知');
    const raw = [
      'From: Hutong <noreply@hutong.test>',
      'To: a@b.cn',
      'Subject: =?UTF-8?Q?Hello_world?=',
      'Message-ID: <id-1@hutong.test>',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      '=E4=BD=A0=E5=A5=BD=',
      'world',
    ].join('\r\n');
    expect(parseMail(raw)).toEqual({
      from: 'Hutong <noreply@hutong.test>',
      to: 'a@b.cn',
      subject: 'Hello world',
      messageId: '<id-1@hutong.test>',
      text: '你好world',
    });
  });
});
