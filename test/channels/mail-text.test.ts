import { describe, expect, it } from 'vitest';
import { type MailNotification, type MailRecipient, renderDigest, renderMail } from '../../channels/mail-text';

const INSTANCE_ID = '7f9c2b1e-4a5d-4c3e-9b8a-1d2e3f4a5b6c';
const PUBLIC_URL = 'https://baton.example.com';

function notification(overrides: Partial<MailNotification>): MailNotification {
  return {
    id: `${INSTANCE_ID}.lease:overdue`,
    kind: 'overdue',
    subject: null,
    message: '"Check the lease" was due at 2026-12-04T08:00:00.000Z and is not done yet.',
    facts: null,
    instanceId: INSTANCE_ID,
    taskId: `${INSTANCE_ID}.lease`,
    createdAt: new Date('2026-12-04T08:05:00Z'),
    ...overrides,
  };
}

const alice: MailRecipient = { name: 'Alice', locale: 'en', timeZone: 'Europe/Paris' };
const bruno: MailRecipient = { name: 'Bruno', locale: 'fr', timeZone: 'Europe/Paris' };

const overdueLease = notification({
  facts: { taskTitle: 'Check the lease', processTitle: 'Site opening', dueAt: '2026-12-04T08:00:00Z' },
});

describe('renderMail of an overdue task', () => {
  it('tells an English reader when it was due, in their time zone', () => {
    const mail = renderMail(overdueLease, alice, PUBLIC_URL);
    expect(mail.subject).toBe(`Overdue: “Check the lease” [#${INSTANCE_ID}]`);
    expect(mail.text).toContain('Hello Alice,');
    expect(mail.text).toContain('“Check the lease” was due Friday, 4 December 2026 at 09:00 and is not done yet.');
    expect(mail.text).toContain('Process: “Site opening”');
    expect(mail.text).toContain('Reply to this e-mail to add a comment.');
  });

  it('tells a French reader the same in French', () => {
    const mail = renderMail(overdueLease, bruno, PUBLIC_URL);
    expect(mail.subject).toBe(`En retard : « Check the lease » [#${INSTANCE_ID}]`);
    expect(mail.text).toContain('Bonjour Bruno,');
    expect(mail.text).toContain(
      "« Check the lease » devait être fait le vendredi 4 décembre 2026 à 09:00 et ne l'est pas encore.",
    );
    expect(mail.text).toContain('Répondez à cet e-mail pour ajouter un commentaire.');
  });

  it('links to the task', () => {
    const mail = renderMail(overdueLease, alice, `${PUBLIC_URL}/`);
    expect(mail.text).toContain(`Open: ${PUBLIC_URL}/app/tasks/${INSTANCE_ID}.lease`);
    expect(mail.html).toContain(`<a href="${PUBLIC_URL}/app/tasks/${INSTANCE_ID}.lease">`);
  });

  it('sends the engine text as written when the facts are missing', () => {
    const mail = renderMail(notification({ facts: null }), bruno, PUBLIC_URL);
    expect(mail.subject).toBe(
      `"Check the lease" was due at 2026-12-04T08:00:00.000Z and is not done yet. [#${INSTANCE_ID}]`,
    );
    expect(mail.text).toContain('"Check the lease" was due at 2026-12-04T08:00:00.000Z and is not done yet.');
  });

  it('sends the engine text when a date fact does not parse', () => {
    const mail = renderMail(
      notification({ facts: { taskTitle: 'Check the lease', dueAt: 'soon' } }),
      alice,
      PUBLIC_URL,
    );
    expect(mail.text).toContain('"Check the lease" was due at 2026-12-04T08:00:00.000Z');
    expect(mail.text).not.toContain('“Check the lease”');
  });
});

describe('renderMail of an escalation', () => {
  const escalation = notification({
    id: `${INSTANCE_ID}.lease:escalation:0:1:0`,
    kind: 'escalation',
    subject: 'Site opening: Check the lease',
    message: '"Check the lease" was due 2026-12-04T08:00:00.000Z and is still not done.',
    facts: {
      taskTitle: 'Check the lease',
      dueAt: '2026-12-04T08:00:00Z',
      relative: 'after',
      from: 'legal',
      to: 'finance',
    },
  });

  it('says in English how late the task is and where it moves', () => {
    const mail = renderMail(escalation, alice, PUBLIC_URL);
    expect(mail.subject).toBe(`Escalation: “Check the lease” [#${INSTANCE_ID}]`);
    expect(mail.text).toContain(
      '“Check the lease” was due Friday, 4 December 2026 at 09:00 and is still not done. It moves from the legal queue to the finance queue.',
    );
  });

  it('says it in French', () => {
    const mail = renderMail(escalation, bruno, PUBLIC_URL);
    expect(mail.subject).toBe(`Escalade : « Check the lease » [#${INSTANCE_ID}]`);
    expect(mail.text).toContain(
      "« Check the lease » devait être fait le vendredi 4 décembre 2026 à 09:00 et ne l'est toujours pas. La tâche passe de la file legal à la file finance.",
    );
  });

  it('reminds before the due date', () => {
    const reminder = notification({ ...escalation, facts: { ...escalation.facts, relative: 'before' } });
    expect(renderMail(reminder, alice, PUBLIC_URL).text).toContain(
      '“Check the lease” is due Friday, 4 December 2026 at 09:00 and is not done yet.',
    );
  });

  it('falls back to the engine text when the rung is not known', () => {
    const odd = notification({ ...escalation, facts: { ...escalation.facts, relative: 'sometime' } });
    const mail = renderMail(odd, bruno, PUBLIC_URL);
    expect(mail.subject).toBe(`Site opening: Check the lease [#${INSTANCE_ID}]`);
    expect(mail.text).toContain('"Check the lease" was due 2026-12-04T08:00:00.000Z and is still not done.');
  });
});

describe('renderMail of a received request', () => {
  // 13:00 UTC on Friday is 02:00 on Saturday in Auckland (UTC+13 in December).
  const received = notification({
    id: `${INSTANCE_ID}:request-received`,
    kind: 'request-received',
    subject: 'Request received',
    message: 'We have received your request.',
    facts: { requestTitle: 'New laptop', expectedAt: '2026-12-04T13:00:00Z' },
    taskId: null,
  });
  const aroha: MailRecipient = { name: 'Aroha', locale: 'en', timeZone: 'Pacific/Auckland' };

  it('acknowledges it with the expected date, as a date of the requester’s zone', () => {
    const mail = renderMail(received, aroha, PUBLIC_URL);
    expect(mail.subject).toBe(`Request received: “New laptop” [#${INSTANCE_ID}]`);
    expect(mail.text).toContain(
      'We have received your request “New laptop”. We expect to complete it by Saturday, 5 December 2026 at 02:00.',
    );
    expect(mail.text).not.toMatch(/Friday|\bdays?\b|\bhours?\b/);
  });

  it('acknowledges it in French', () => {
    const mail = renderMail(received, { ...aroha, locale: 'fr' }, PUBLIC_URL);
    expect(mail.text).toContain(
      "Nous avons bien reçu votre demande « New laptop ». Nous prévoyons de la traiter d'ici le samedi 5 décembre 2026 à 02:00.",
    );
  });

  it('links to the request page', () => {
    expect(renderMail(received, aroha, PUBLIC_URL).text).toContain(`${PUBLIC_URL}/app/requests/${INSTANCE_ID}`);
  });
});

describe('renderMail of the other kinds with their facts', () => {
  it('tells the owner which step failed and why, the error as the engine wrote it', () => {
    const failed = notification({
      kind: 'step-failed',
      taskId: null,
      facts: { processTitle: 'Site opening', stepId: 'order-sign', error: 'POST https://erp.example.com answered 500' },
    });
    const mail = renderMail(failed, bruno, PUBLIC_URL);
    expect(mail.subject).toBe(`Échec d'une étape : « order-sign » [#${INSTANCE_ID}]`);
    expect(mail.text).toContain("L'étape « order-sign » de « Site opening » a échoué.");
    expect(mail.text).toContain('> POST https://erp.example.com answered 500');
  });

  it('gives the forecast and the budget in the reader’s number format', () => {
    const budget = notification({
      kind: 'budget',
      taskId: null,
      facts: { processTitle: 'Site opening', forecast: '12500.5', budget: '10000', currency: 'EUR' },
    });
    expect(renderMail(budget, alice, PUBLIC_URL).text).toContain(
      '“Site opening” is forecast at 12,500.5 EUR, over its budget of 10,000 EUR.',
    );
    expect(renderMail(budget, bruno, PUBLIC_URL).text).toMatch(
      /La prévision de « Site opening », 12\s500,5 EUR, dépasse son budget de 10\s000 EUR\./,
    );
  });

  it('says who gave a task to whom, and when it is due', () => {
    const assigned = notification({
      kind: 'assigned',
      facts: { taskTitle: 'Check the lease', dueAt: '2026-12-04T08:00:00Z', actor: 'Marc' },
    });
    expect(renderMail(assigned, alice, PUBLIC_URL).text).toContain(
      'Marc assigned “Check the lease” to you. It is due Friday, 4 December 2026 at 09:00.',
    );
  });

  it('says who moved a task to which queue', () => {
    const moved = notification({
      kind: 'reassigned',
      facts: { taskTitle: 'Check the lease', from: 'legal', to: 'finance', actor: 'Marc' },
    });
    expect(renderMail(moved, bruno, PUBLIC_URL).text).toContain(
      'Marc a déplacé la tâche « Check the lease » de la file legal vers la file finance.',
    );
  });

  it('quotes a comment in its author’s words', () => {
    const comment = notification({
      kind: 'comment',
      facts: { taskTitle: 'Check the lease', actor: 'Hana', comment: 'Signed copy attached?\nThanks' },
    });
    const mail = renderMail(comment, bruno, PUBLIC_URL);
    expect(mail.text).toContain('Hana a commenté « Check the lease » :\n\n> Signed copy attached?\n> Thanks');
    expect(mail.html).toContain('<blockquote>Signed copy attached?<br>Thanks</blockquote>');
  });
});

describe('renderMail of a notify step', () => {
  const notify = notification({
    id: `${INSTANCE_ID}.announce:notify:0:0`,
    kind: 'notify',
    subject: 'Ouverture du site de Lyon',
    message: 'Le site de Lyon ouvre lundi.\nMerci à tous.',
    facts: { processTitle: 'Site opening' },
    taskId: null,
  });

  it('keeps the owner’s text as written, whatever the reader’s language', () => {
    const mail = renderMail(notify, alice, PUBLIC_URL);
    expect(mail.subject).toBe(`Ouverture du site de Lyon [#${INSTANCE_ID}]`);
    expect(mail.text).toContain('Le site de Lyon ouvre lundi.\nMerci à tous.');
    expect(mail.html).toContain('Le site de Lyon ouvre lundi.<br>Merci à tous.');
  });

  it('takes the first line of the text as subject when there is none', () => {
    const mail = renderMail(notification({ ...notify, subject: null }), alice, PUBLIC_URL);
    expect(mail.subject).toBe(`Le site de Lyon ouvre lundi. [#${INSTANCE_ID}]`);
  });

  it('links to the instance', () => {
    expect(renderMail(notify, alice, PUBLIC_URL).text).toContain(`${PUBLIC_URL}/app/instances/${INSTANCE_ID}`);
  });
});

describe('renderMail as HTML', () => {
  const hostile = notification({
    facts: { taskTitle: '<script>alert("x")</script>', processTitle: 'R&D', dueAt: '2026-12-04T08:00:00Z' },
  });

  it('escapes every value typed by people', () => {
    const mail = renderMail(hostile, { ...alice, name: 'Tom <admin>' }, PUBLIC_URL);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('“&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;” was due');
    expect(mail.html).toContain('R&amp;D');
    expect(mail.html).toContain('Hello Tom &lt;admin&gt;,');
  });

  it('keeps the text part as typed', () => {
    expect(renderMail(hostile, alice, PUBLIC_URL).text).toContain('“<script>alert("x")</script>” was due');
  });

  it('fetches nothing', () => {
    const { html } = renderMail(hostile, alice, PUBLIC_URL);
    expect(html).not.toMatch(/<img|<link|<script|src=|url\(/i);
  });

  it('keeps a subject on one line', () => {
    const mail = renderMail(notification({ facts: { ...hostile.facts, taskTitle: 'Line one\r\nBcc: x' } }), alice, '');
    expect(mail.subject).toBe(`Overdue: “Line one Bcc: x” [#${INSTANCE_ID}]`);
  });
});

describe('renderMail with a time zone Intl does not know', () => {
  it('shows the date in UTC, saying so, rather than failing', () => {
    const mail = renderMail(overdueLease, { ...alice, timeZone: 'Mars/Olympus_Mons' }, PUBLIC_URL);
    expect(mail.text).toContain(
      '“Check the lease” was due Friday, 4 December 2026 at 08:00 (UTC) and is not done yet.',
    );
  });
});

describe('renderDigest', () => {
  const notify = notification({
    id: `${INSTANCE_ID}.announce:notify:0:0`,
    kind: 'notify',
    subject: 'Lyon opens on Monday',
    message: 'Lyon opens on Monday.',
    taskId: null,
  });

  it('lists every notification with its link under one heading', () => {
    const mail = renderDigest([overdueLease, notify], alice, PUBLIC_URL);
    expect(mail.subject).toBe('Your daily summary: 2 notifications');
    expect(mail.text).toContain('Your daily summary');
    expect(mail.text).toContain('* Overdue: “Check the lease”');
    expect(mail.text).toContain(`${PUBLIC_URL}/app/tasks/${INSTANCE_ID}.lease`);
    expect(mail.text).toContain('* Lyon opens on Monday');
    expect(mail.text).toContain(`${PUBLIC_URL}/app/instances/${INSTANCE_ID}`);
    expect(mail.html.match(/<li>/g)).toHaveLength(2);
  });

  it('is written in French for a French reader', () => {
    const mail = renderDigest([overdueLease], bruno, PUBLIC_URL);
    expect(mail.subject).toBe('Votre résumé du jour : 1 notification');
    expect(mail.html).toContain('<h1>Votre résumé du jour</h1>');
    expect(mail.text).toContain("devait être fait le vendredi 4 décembre 2026 à 09:00 et ne l'est pas encore.");
  });
});
