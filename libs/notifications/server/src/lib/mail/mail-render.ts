import type { Lang, MessageParams } from '@hutong/platform-model';

/** Renders a code of the composed catalogues (`renderCode` of @hutong/platform-server; pure, for the unit tests). */
export type RenderCode = (code: string, params: MessageParams | undefined, lang: Lang) => string;

export interface RenderedMail {
  subject: string;
  text: string;
}

export interface MailItem {
  titleCode: string;
  bodyCode: string | null;
  params: MessageParams;
}

/** A mail's subject is one line: no CR/LF (header injection) and at most 200 characters. */
function subjectLine(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .trim()
    .slice(0, 200);
}

/** The mail of one notification (immediate mode): its title as the subject, its body and the footer. */
export function renderNotificationMail(renderCode: RenderCode, n: MailItem, lang: Lang): RenderedMail {
  const title = renderCode(n.titleCode, n.params, lang);
  const body = n.bodyCode ? renderCode(n.bodyCode, n.params, lang) : null;
  return {
    subject: subjectLine(title),
    text: [body ?? title, renderCode('notification.mail_footer', undefined, lang)].join('\n\n'),
  };
}

/** The daily digest: `total` unread notifications, the newest of them listed (`items`), the rest counted. */
export function renderDigestMail(
  renderCode: RenderCode,
  name: string,
  items: MailItem[],
  total: number,
  lang: Lang,
): RenderedMail {
  const lines = items.map((n) => {
    const title = renderCode(n.titleCode, n.params, lang);
    const body = n.bodyCode ? renderCode(n.bodyCode, n.params, lang) : null;
    return body ? `• ${title}\n  ${body}` : `• ${title}`;
  });
  const more = total - items.length;
  return {
    subject: subjectLine(renderCode('notification.digest_subject', { count: total }, lang)),
    text: [
      renderCode('notification.digest_intro', { name }, lang),
      lines.join('\n'),
      ...(more > 0 ? [renderCode('notification.digest_more', { count: more }, lang)] : []),
      renderCode('notification.mail_footer', undefined, lang),
    ].join('\n\n'),
  };
}

/** The domain of the sender address (`Hutong <noreply@hutong.local>` → hutong.local). */
export function mailDomain(mailFrom: string): string {
  const m = /@([A-Za-z0-9.-]+)>?\s*$/.exec(mailFrom.trim());
  return m?.[1] ?? 'hutong.local';
}

/** The Message-ID of an outbox row: the same row always has the same id, so a mail sent twice is recognisable. */
export function messageIdOf(rowId: string, mailFrom: string): string {
  return `<${rowId}@${mailDomain(mailFrom)}>`;
}
