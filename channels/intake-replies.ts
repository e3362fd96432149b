/*
 * What Baton answers a mail it could not take: who may write, what was wrong, and where to ask
 * instead. A known sender reads it in their language; an unknown one gets English, then French,
 * since nothing says which they read.
 */
import type { Locale } from '../db/entities/user';
import { escapeHtml, multilineHtml, type RenderedMail } from './mail-text';

/** One start-form field a mail could not fill, and where in the mail it came from. */
export interface RefusedField {
  /** The start form's field name. */
  readonly field: string;
  /** Why the form refused it (the engine's words, in English). */
  readonly message: string;
  /** `subject` and `text` come from the mail; `form`: a field the mail cannot give. */
  readonly from: 'subject' | 'text' | 'form';
}

/** Why a mail was not taken. */
export type IntakeRefusal =
  | { readonly reason: 'unknown-sender' }
  | { readonly reason: 'no-process' }
  | {
      readonly reason: 'too-large';
      readonly files: number;
      readonly bytes: number;
      readonly maximumFiles: number;
      readonly maximumBytes: number;
    }
  | { readonly reason: 'invalid-request'; readonly request: string; readonly fields: readonly RefusedField[] }
  | { readonly reason: 'not-offered'; readonly request: string }
  | { readonly reason: 'comment-refused'; readonly instanceId: string }
  /** The instance refuses more comments; `why` is the engine's reason (in English). */
  | { readonly reason: 'comment-not-kept'; readonly instanceId: string; readonly why: string };

/** Who the answer is for: a user of Baton, or null for an address Baton does not know. */
export interface RefusalRecipient {
  readonly name: string;
  readonly locale: Locale;
}

/** The answer to a mail Baton did not take; `subject` is the refused mail's own. */
export function renderRefusal(
  refusal: IntakeRefusal,
  to: RefusalRecipient | null,
  about: { readonly subject: string | null; readonly publicUrl: string },
): RenderedMail {
  const books = to === null ? [ENGLISH, FRENCH] : [to.locale === 'fr' ? FRENCH : ENGLISH];
  const links = linksOf(about.publicUrl);
  const subject = oneLine(about.subject ?? '');
  const sections = books.map((words) => sectionOf(words, refusal, to?.name ?? null, subject, links));
  // French puts a space before a colon; a bilingual subject follows the first language's use.
  const colon = books.length === 1 && books[0] === FRENCH ? ' : ' : ': ';
  const mailSubject = `${books.map((words) => words.notAcceptedSubject).join(' / ')}${subject === '' ? '' : `${colon}${subject}`}`;
  const text = [
    ...sections.map((section) => section.paragraphs.join('\n\n')),
    `-- \n${books.map((words) => words.automatic).join('\n')}`,
  ].join('\n\n');
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${books[0] === FRENCH ? 'fr' : 'en'}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(mailSubject)}</title></head>`,
    '<body>',
    ...sections.map(
      (section) =>
        `<div lang="${section.locale}">${section.paragraphs.map((paragraph) => `<p>${multilineHtml(paragraph)}</p>`).join('')}</div>`,
    ),
    `<hr><p><small>${books.map((words) => escapeHtml(words.automatic)).join('<br>')}</small></p>`,
    '</body>',
    '</html>',
  ].join('\n');
  return { subject: mailSubject, text, html };
}

interface Links {
  readonly catalogue: string;
  readonly requests: string;
}

function linksOf(publicUrl: string): Links {
  const base = publicUrl.replace(/\/+$/, '');
  return { catalogue: `${base}/app/catalogue`, requests: `${base}/app/requests` };
}

function sectionOf(
  words: Phrasebook,
  refusal: IntakeRefusal,
  name: string | null,
  subject: string,
  links: Links,
): { locale: Locale; paragraphs: string[] } {
  const why = (() => {
    switch (refusal.reason) {
      case 'unknown-sender':
        return words.unknownSender(links.catalogue);
      case 'no-process':
        return words.noProcess(links.catalogue);
      case 'too-large':
        return words.tooLarge(refusal);
      case 'invalid-request':
        return words.invalidRequest(refusal.request, refusal.fields, links.catalogue);
      case 'not-offered':
        return words.notOffered(refusal.request, links.catalogue);
      case 'comment-refused':
        return words.commentRefused(refusal.instanceId, links.requests);
      case 'comment-not-kept':
        return words.commentNotKept(refusal.instanceId, refusal.why);
    }
  })();
  return { locale: words.locale, paragraphs: [words.greeting(name), words.notAccepted(subject), ...why] };
}

/** Subjects are one header line: a subject with line breaks must not break the answer's. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function megabytes(bytes: number, locale: string): string {
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}

/** Everything an answer says in one language; each reason gives its paragraphs. */
interface Phrasebook {
  readonly locale: Locale;
  readonly notAcceptedSubject: string;
  readonly automatic: string;
  greeting(name: string | null): string;
  notAccepted(subject: string): string;
  unknownSender(catalogue: string): string[];
  noProcess(catalogue: string): string[];
  tooLarge(sizes: { files: number; bytes: number; maximumFiles: number; maximumBytes: number }): string[];
  invalidRequest(request: string, fields: readonly RefusedField[], catalogue: string): string[];
  notOffered(request: string, catalogue: string): string[];
  commentRefused(instanceId: string, requests: string): string[];
  commentNotKept(instanceId: string, why: string): string[];
}

const ENGLISH: Phrasebook = {
  locale: 'en',
  notAcceptedSubject: 'Not accepted',
  automatic: 'This is an automatic answer from Baton.',
  greeting: (name) => (name === null ? 'Hello,' : `Hello ${name},`),
  notAccepted: (subject) =>
    subject === '' ? 'Your mail was not accepted.' : `Your mail “${subject}” was not accepted.`,
  unknownSender: (catalogue) => [
    'Only people with a Baton account may write to this address, from the e-mail address their account holds.',
    `If you work with us, ask your administrator for an account; you can then ask for what you need by mail or in the catalogue: ${catalogue}`,
  ],
  noProcess: (catalogue) => [
    'This address opens no request.',
    `The catalogue lists what you may ask for, and the address to write to when there is one: ${catalogue}`,
  ],
  tooLarge: ({ files, bytes, maximumFiles, maximumBytes }) => [
    `A mail may bring at most ${maximumFiles} files and ${megabytes(maximumBytes, 'en-GB')} in all; yours brought ${files} ${files === 1 ? 'file' : 'files'}, ${megabytes(bytes, 'en-GB')}.`,
    'Nothing was opened or added: send it again with fewer or smaller files, or with a link to them.',
  ],
  invalidRequest: (request, fields, catalogue) => [
    `It could not open the request “${request}”:`,
    fields
      .map(({ field, message, from }) => {
        const where = { subject: `the subject (${field})`, text: `the text (${field})`, form: field }[from];
        return `- ${where}: ${message}`;
      })
      .join('\n'),
    `Correct the mail and send it again, or fill in the request in the catalogue: ${catalogue}`,
  ],
  notOffered: (request, catalogue) => [
    `“${request}” is not offered to you. The catalogue lists what you may ask for: ${catalogue}`,
  ],
  commentRefused: (instanceId, requests) => [
    `It answers ${instanceId}, which you do not follow, so it was not added.`,
    `Your own requests are listed here: ${requests}`,
  ],
  commentNotKept: (instanceId, why) => [`It answers ${instanceId}, but could not be added: ${why}.`],
};

const FRENCH: Phrasebook = {
  locale: 'fr',
  notAcceptedSubject: 'Non accepté',
  automatic: 'Ceci est une réponse automatique de Baton.',
  greeting: (name) => (name === null ? 'Bonjour,' : `Bonjour ${name},`),
  notAccepted: (subject) =>
    subject === '' ? "Votre e-mail n'a pas été accepté." : `Votre e-mail « ${subject} » n'a pas été accepté.`,
  unknownSender: (catalogue) => [
    "Seules les personnes qui ont un compte Baton peuvent écrire à cette adresse, depuis l'adresse e-mail de leur compte.",
    `Si vous travaillez avec nous, demandez un compte à votre administrateur ; vous pourrez alors faire vos demandes par e-mail ou dans le catalogue : ${catalogue}`,
  ],
  noProcess: (catalogue) => [
    "Cette adresse n'ouvre aucune demande.",
    `Le catalogue liste ce que vous pouvez demander, et l'adresse à laquelle écrire quand il y en a une : ${catalogue}`,
  ],
  tooLarge: ({ files, bytes, maximumFiles, maximumBytes }) => [
    `Un e-mail peut apporter au plus ${maximumFiles} fichiers et ${megabytes(maximumBytes, 'fr-FR')} en tout ; le vôtre en apportait ${files}, ${megabytes(bytes, 'fr-FR')}.`,
    "Rien n'a été ouvert ni ajouté : renvoyez-le avec moins de fichiers, des fichiers plus petits, ou un lien vers eux.",
  ],
  invalidRequest: (request, fields, catalogue) => [
    `Il n'a pas pu ouvrir la demande « ${request} » :`,
    fields
      .map(({ field, message, from }) => {
        const where = { subject: `l'objet (${field})`, text: `le texte (${field})`, form: field }[from];
        return `- ${where} : ${message}`;
      })
      .join('\n'),
    `Corrigez l'e-mail et renvoyez-le, ou remplissez la demande dans le catalogue : ${catalogue}`,
  ],
  notOffered: (request, catalogue) => [
    `« ${request} » ne vous est pas proposé. Le catalogue liste ce que vous pouvez demander : ${catalogue}`,
  ],
  commentRefused: (instanceId, requests) => [
    `Il répond à ${instanceId}, que vous ne suivez pas : il n'a donc pas été ajouté.`,
    `Vos propres demandes sont listées ici : ${requests}`,
  ],
  commentNotKept: (instanceId, why) => [`Il répond à ${instanceId}, mais n'a pas pu être ajouté : ${why}.`],
};
