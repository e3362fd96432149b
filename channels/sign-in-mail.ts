import type { UserRow } from '../db/entities/user';
import { anchor, escapeHtml, htmlDocument, type RenderedMail } from './mail-text';
import type { Mailer, SendOutcome } from './smtp';

/**
 * A one-time sign-in link, mailed to its person directly, not through the outbox: the link is a
 * credential, and the outbox is read by managers (`GET /notifications`).
 */
export async function mailSignInLink(
  mailer: Mailer | null,
  user: Pick<UserRow, 'name' | 'email' | 'locale'>,
  link: string,
  minutes: number,
): Promise<SendOutcome> {
  if (!mailer || !user.email) {
    return { sent: false, permanent: true, error: 'no SMTP server is configured: set BATON_SMTP_URL' };
  }
  const mail = renderSignInMail(user, link, minutes);
  return mailer.send({
    to: user.email,
    ...mail,
    // Each link is new: a mail client must not thread or deduplicate them.
    messageId: `<sign-in.${link.slice(-16)}@baton.local>`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  });
}

export function renderSignInMail(user: Pick<UserRow, 'name' | 'locale'>, link: string, minutes: number): RenderedMail {
  const french = user.locale === 'fr';
  const subject = french ? 'Votre lien de connexion à Baton' : 'Your link to sign in to Baton';
  const lines = french
    ? [
        `Bonjour ${user.name},`,
        `Ouvrez ce lien pour vous connecter à Baton ; il fonctionne une fois, pendant ${minutes} minutes :`,
        link,
        "Si vous n'avez rien demandé, ignorez ce message : personne ne peut se connecter sans lui.",
      ]
    : [
        `Hello ${user.name},`,
        `Open this link to sign in to Baton; it works once, for ${minutes} minutes:`,
        link,
        'If you did not ask for it, ignore this mail: nobody can sign in without it.',
      ];
  const [greeting = '', invitation = '', , warning = ''] = lines;
  return {
    subject,
    text: lines.join('\n\n'),
    html: htmlDocument(user.locale, subject, [
      `<p>${escapeHtml(greeting)}</p>`,
      `<p>${escapeHtml(invitation)}</p>`,
      `<p>${anchor(link)}</p>`,
      `<p><small>${escapeHtml(warning)}</small></p>`,
    ]),
  };
}
