import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { automaticReason, referencedInstance } from '../../channels/intake';
import { renderRefusal } from '../../channels/intake-replies';

const INSTANCE_ID = '7f9c2b1e-4a5d-4c3e-9b8a-1d2e3f4a5b6c';

function mailWith(headers: readonly string[]) {
  return simpleParser(
    ['From: Rita <rita@example.com>', 'To: servicedesk@baton.local', 'Subject: Hello', ...headers, '', 'Hi'].join(
      '\r\n',
    ),
  );
}

describe('automaticReason tells a robot from a person, so Baton never answers a robot', () => {
  it('takes a mail without such headers for a person', async () => {
    expect(automaticReason(await mailWith([]), { sender: 'rita@example.com', recipients: [] })).toBeNull();
    expect(automaticReason(await mailWith(['Auto-Submitted: no']), null)).toBeNull();
    expect(automaticReason(await mailWith(['Precedence: first-class']), null)).toBeNull();
  });

  it('recognises auto-replies, auto-generated mail, lists and bulk mail', async () => {
    expect(automaticReason(await mailWith(['Auto-Submitted: auto-replied']), null)).toBe(
      'Auto-Submitted: auto-replied',
    );
    expect(automaticReason(await mailWith(['Auto-Submitted: Auto-Generated; owner-email="x@example.com"']), null)).toBe(
      'Auto-Submitted: auto-generated',
    );
    for (const precedence of ['bulk', 'junk', 'list']) {
      expect(automaticReason(await mailWith([`Precedence: ${precedence}`]), null)).toBe(`Precedence: ${precedence}`);
    }
    expect(automaticReason(await mailWith(['X-Autoreply: yes']), null)).toBe('an auto-reply');
  });

  it("recognises bounces (the null sender) and Baton's own mail come back", async () => {
    expect(automaticReason(await mailWith([]), { sender: '', recipients: [] })).toBe('a bounce (null sender)');
    expect(automaticReason(await mailWith(['Return-Path: <>']), null)).toBe('a bounce (null Return-Path)');
    expect(automaticReason(await mailWith([`X-Baton-Notification: ${INSTANCE_ID}:request-received`]), null)).toBe(
      "Baton's own mail come back",
    );
  });
});

describe('referencedInstance finds the request a reply is about', () => {
  it('reads the [#<id>] of a subject, whatever its case and what the client put around it', () => {
    expect(referencedInstance(`Re: Request received: “Printer” [#${INSTANCE_ID.toUpperCase()}]`)).toBe(INSTANCE_ID);
    expect(referencedInstance(`AW: WG: [#${INSTANCE_ID}] and more`)).toBe(INSTANCE_ID);
  });

  it('finds none in a subject without one, or with a reference that is no instance id', () => {
    expect(referencedInstance('My printer jams')).toBeNull();
    expect(referencedInstance('Ticket [#12345]')).toBeNull();
    expect(referencedInstance(undefined)).toBeNull();
  });
});

describe('renderRefusal', () => {
  const about = { subject: 'Free <laptops>?', publicUrl: 'https://baton.example.com/' };

  it('writes to an unknown sender in English, then French, with the catalogue to ask in', () => {
    const mail = renderRefusal({ reason: 'unknown-sender' }, null, about);
    expect(mail.subject).toBe('Not accepted / Non accepté: Free <laptops>?');
    expect(mail.text.indexOf('Hello,')).toBeLessThan(mail.text.indexOf('Bonjour,'));
    expect(mail.text).toContain('https://baton.example.com/app/catalogue');
    expect(mail.html).toContain('Free &lt;laptops&gt;?');
    expect(mail.html).not.toContain('<laptops>');
  });

  it('writes to a known sender in their language only', () => {
    const mail = renderRefusal(
      { reason: 'too-large', files: 12, bytes: 3 * 1024 * 1024, maximumFiles: 10, maximumBytes: 10 * 1024 * 1024 },
      { name: 'Bruno', locale: 'fr' },
      about,
    );
    expect(mail.subject).toBe('Non accepté : Free <laptops>?');
    expect(mail.text).toContain('Bonjour Bruno,');
    expect(mail.text).toContain('au plus 10 fichiers et 10 MB en tout ; le vôtre en apportait 12, 3 MB.');
    expect(mail.text).not.toContain('Hello');
  });
});
